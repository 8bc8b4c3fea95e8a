// Finding a QR code in a camera frame. The browser's BarcodeDetector where it exists; elsewhere
// (Firefox, older Safari, desktop Chromium builds without it) the jsQR decoder, loaded only then.
interface QrDetector {
  detect(frame: HTMLVideoElement): Promise<string | undefined>
}

type NativeDetector = new (options: { formats: string[] }) => { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }

/** RGBA pixels in, the QR's text out (or undefined): the pure part, shared with the unit test. */
type QrDecode = (rgba: Uint8ClampedArray, width: number, height: number) => string | undefined

export async function loadJsQrDecode(): Promise<QrDecode> {
  const { default: jsQR } = await import('jsqr')
  return (rgba, width, height) => jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data || undefined
}

function canvasDetector(decode: QrDecode): QrDetector {
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  return {
    async detect(frame) {
      if (!context || !frame.videoWidth) return undefined
      // Decoding a downscaled frame keeps a phone responsive; QR codes survive it well.
      const scale = Math.min(1, 640 / frame.videoWidth)
      canvas.width = Math.round(frame.videoWidth * scale)
      canvas.height = Math.round(frame.videoHeight * scale)
      context.drawImage(frame, 0, 0, canvas.width, canvas.height)
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height)
      return decode(data, width, height)
    },
  }
}

export async function createQrDetector(): Promise<QrDetector> {
  const Native = (window as unknown as { BarcodeDetector?: NativeDetector }).BarcodeDetector
  if (Native) {
    const native = new Native({ formats: ['qr_code'] })
    return { detect: async frame => (await native.detect(frame).catch(() => []))[0]?.rawValue }
  }
  return canvasDetector(await loadJsQrDecode())
}
