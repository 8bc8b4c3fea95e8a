// Password hashing with node's scrypt (memory-hard). The stored form names its parameters, so they
// can be raised later without breaking old hashes: scrypt$N$r$p$salt$hash (base64url parts).
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/** log2 of scrypt's N for new hashes: 2^15 (32 MiB, ~0.1 s) unless the caller asks otherwise. */
const DEFAULT_HASH_COST = 15
const R = 8
const P = 1
const KEY_LENGTH = 32
// scrypt needs 128·N·r bytes; the default 32 MiB cap is exactly that, so leave head-room.
const MAX_MEMORY = 64 * 1024 * 1024

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFKC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

/**
 * `cost` is log2 of N. Only the test deployments lower it (PASSWORD_HASH_COST): each sign-up and
 * sign-in of the integration suite would otherwise spend a tenth of a second of CPU on it.
 */
export async function hashPassword(password: string, cost = DEFAULT_HASH_COST): Promise<string> {
  const salt = randomBytes(16)
  const N = 2 ** cost
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEMORY })
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !saltB64 || !keyB64) return false
  const expected = Buffer.from(keyB64, 'base64url')
  const actual = await scrypt(password, Buffer.from(saltB64, 'base64url'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEMORY,
  })
  return timingSafeEqual(actual, expected)
}

const dummies = new Map<number, Promise<string>>()

/**
 * A hash of a random password at `cost`, compared against when the e-mail is unknown so timing does
 * not reveal it; made on first use, once per cost.
 */
export function dummyHash(cost = DEFAULT_HASH_COST): Promise<string> {
  let hash = dummies.get(cost)
  if (!hash) dummies.set(cost, hash = hashPassword(randomBytes(16).toString('hex'), cost))
  return hash
}
