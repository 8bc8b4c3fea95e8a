import type { SeatDto } from '#shared/types/event'

/**
 * Roving tabindex over a seat map: one seat is in the tab order; arrow keys move between seats
 * (left/right along a row, up/down to the nearest seat of the row above or below), Home/End jump
 * to a row's ends, and Space/Enter toggle. `root` holds elements marked `data-seat-id`.
 */
export function useSeatmapKeyboard(grid: MaybeRefOrGetter<SeatDto[][]>, root: Ref<Element | null>, onToggle: (seat: SeatDto) => void) {
  const activeId = ref<string | null>(null)

  const positions = computed(() => {
    const map = new Map<string, { row: number, col: number }>()
    toValue(grid).forEach((row, r) => row.forEach((seat, c) => map.set(seat.id, { row: r, col: c })))
    return map
  })

  /** The seat that is tabbable: the last one focused, else the first available one. */
  const tabbableId = computed(() => {
    if (activeId.value && positions.value.has(activeId.value)) return activeId.value
    const rows = toValue(grid)
    return rows.flat().find(s => s.status === 'AVAILABLE')?.id ?? rows[0]?.[0]?.id ?? null
  })

  function focusSeat(seat: SeatDto | undefined) {
    if (!seat) return
    activeId.value = seat.id
    const el = root.value?.querySelector<SVGElement | HTMLElement>(`[data-seat-id="${seat.id}"]`)
    el?.focus()
  }

  function nearestIn(row: SeatDto[] | undefined, x: number | null): SeatDto | undefined {
    if (!row?.length) return undefined
    return row.reduce((best, seat) => Math.abs((seat.x ?? 0) - (x ?? 0)) < Math.abs((best.x ?? 0) - (x ?? 0)) ? seat : best)
  }

  function onKeydown(event: KeyboardEvent, seat: SeatDto) {
    const rows = toValue(grid)
    const at = positions.value.get(seat.id)
    if (!at) return
    const row = rows[at.row]!
    let target: SeatDto | undefined
    switch (event.key) {
      case 'ArrowLeft': target = row[at.col - 1]; break
      case 'ArrowRight': target = row[at.col + 1]; break
      case 'ArrowUp': target = nearestIn(rows[at.row - 1], seat.x); break
      case 'ArrowDown': target = nearestIn(rows[at.row + 1], seat.x); break
      case 'Home': target = row[0]; break
      case 'End': target = row.at(-1); break
      case ' ':
      case 'Enter':
        event.preventDefault()
        onToggle(seat)
        return
      default:
        return
    }
    event.preventDefault()
    focusSeat(target)
  }

  return { activeId, tabbableId, onKeydown }
}
