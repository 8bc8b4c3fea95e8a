// Camera scanning: BarcodeDetector where the browser has it, else the jsQR decoder
// (app/utils/qr-detector.ts). Typing the code always works too.

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
    supported.value = !!navigator.mediaDevices?.getUserMedia
  })

  async function start() {
    error.value = ''
    try {
      const detector = await createQrDetector()
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      running.value = true
      await nextTick()
      if (!video.value) return stop()
      video.value.srcObject = stream
      await video.value.play()
      const tick = async () => {
        if (!running.value || !video.value) return
        const code = await detector.detect(video.value).catch(() => undefined)
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
