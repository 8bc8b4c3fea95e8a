// Camera scanning with the browser's BarcodeDetector (Chromium on Android, Safari 17+). Where it
// is missing the page offers typing the code, which always works.
interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>
}
type DetectorClass = new (options: { formats: string[] }) => Detector

const SAME_CODE_PAUSE_MS = 3000

export function useCheckInCamera(onCode: (code: string) => void) {
  const video = ref<HTMLVideoElement | null>(null)
  const supported = ref(false)
  const running = ref(false)
  const error = ref('')
  let stream: MediaStream | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let last = { code: '', at: 0 }

  onMounted(() => {
    supported.value = 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia
  })

  async function start() {
    error.value = ''
    try {
      const Detector = (window as unknown as { BarcodeDetector: DetectorClass }).BarcodeDetector
      const detector = new Detector({ formats: ['qr_code'] })
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      running.value = true
      await nextTick()
      if (!video.value) return stop()
      video.value.srcObject = stream
      await video.value.play()
      const tick = async () => {
        if (!running.value || !video.value) return
        const found = await detector.detect(video.value).catch(() => [])
        const code = found[0]?.rawValue
        if (code && (code !== last.code || Date.now() - last.at > SAME_CODE_PAUSE_MS)) {
          last = { code, at: Date.now() }
          onCode(code)
        }
        timer = setTimeout(tick, 250)
      }
      void tick()
    } catch (e) {
      stop()
      error.value = (e as Error).name === 'NotAllowedError' ? 'Camera access was refused; type the code instead.' : 'The camera could not be started; type the code instead.'
    }
  }

  function stop() {
    running.value = false
    clearTimeout(timer)
    stream?.getTracks().forEach(t => t.stop())
    stream = undefined
  }
  onBeforeUnmount(stop)

  return { video, supported, running, error, start, stop }
}
