// Users disabled while access tokens of theirs may still be alive. Sign-in and refresh already refuse
// a disabled account, but an access token is checked by signature alone and lives 15 minutes; each
// web process keeps this small list so such a token stops working at once, without a database read
// on every request. An entry is needed only until the last token issued before the disabling expires.
import { ACCESS_TOKEN_TTL_SECONDS } from './access-tokens.ts'

export class DisabledUsers {
  private readonly until = new Map<string, number>()

  constructor(private readonly clock: () => number = Date.now) {}

  /** `disabledAt`: when the account was disabled; its tokens issued before then expire within the TTL. */
  disable(userId: string, disabledAt: Date): void {
    const until = disabledAt.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000
    if (until > this.clock()) this.until.set(userId, until)
  }

  enable(userId: string): void {
    this.until.delete(userId)
  }

  has(userId: string): boolean {
    const until = this.until.get(userId)
    if (until === undefined) return false
    if (until > this.clock()) return true
    this.until.delete(userId)
    return false
  }
}
