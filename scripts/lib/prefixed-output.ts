// Interleaved output of several processes, each line tagged `[name]` in its own colour, the way
// concurrently and foreman do, so `npm start` reads as one log.
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'

const COLOURS = [36, 35, 33, 32, 34, 96, 95, 93] // cyan, magenta, yellow, green, blue, bright variants
const useColour = () => process.stdout.isTTY && !process.env.NO_COLOR

export function makeTag(name: string, index: number, width: number): string {
  const tag = `[${name}]`.padEnd(width + 2)
  return useColour() ? `\x1b[${COLOURS[index % COLOURS.length]}m${tag}\x1b[0m` : tag
}

/** Copies `input` to `output` line by line, each line prefixed with `tag`. */
export function pipePrefixed(input: Readable, tag: string, output: Writable): void {
  const lines = createInterface({ input, crlfDelay: Infinity })
  lines.on('line', line => output.write(`${tag} ${line}\n`))
}
