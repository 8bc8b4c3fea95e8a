// Notices about the account itself: the welcome, a waitlist offer, a Google Calendar link lost.
import { eventFactsRows, formatInZone, type EventFacts } from './event-facts.ts'
import type { Notice } from './notice.ts'

export function welcomeNotice(user: { id: string, name: string }, appUrl: string): Notice {
  return {
    userId: user.id,
    kind: 'user.registered',
    title: 'Welcome to Bookify',
    body: 'Find an event, pick your seats, and carry your tickets — even offline.',
    link: `${appUrl}/`,
    data: {},
    email: {
      subject: 'Welcome to Bookify',
      heading: `Welcome, ${user.name}`,
      paragraphs: ['Your account is ready. Find an event, pick your seats, and carry your tickets on your phone — they work offline too.'],
      action: { label: 'Find events', url: `${appUrl}/` },
    },
  }
}

function waitlistOfferLink(appUrl: string, eventId: string, holdId: string): string {
  return `${appUrl}/events/${eventId}?hold=${holdId}`
}

export function waitlistOfferedNotice(offer: { userId: string, entryId: string, holdId: string, expiresAt: Date }, event: EventFacts, appUrl: string): Notice {
  const url = waitlistOfferLink(appUrl, event.id, offer.holdId)
  const deadline = formatInZone(offer.expiresAt, event.timezone)
  return {
    userId: offer.userId,
    kind: 'waitlist.offered',
    title: `Places for ${event.title} are yours to take`,
    body: `Places came free for ${event.title}. Confirm by ${deadline} or they go to the next person waiting.`,
    link: url,
    data: { eventId: event.id, entryId: offer.entryId, holdId: offer.holdId, expiresAt: offer.expiresAt.toISOString() },
    email: {
      subject: `Places for ${event.title} are waiting for you`,
      heading: 'Your turn on the waitlist',
      paragraphs: [`Places came free for ${event.title} and we are holding them for you.`, `Confirm by ${deadline}; after that they go to the next person waiting.`],
      facts: [['Event', event.title], ['Confirm by', deadline]],
      action: { label: 'Confirm your places', url },
    },
  }
}

/** The event was called off while places were held for this person from the waitlist. */
export function waitlistOfferWithdrawnNotice(offer: { userId: string, entryId: string }, event: EventFacts, appUrl: string): Notice {
  const url = `${appUrl}/events/${event.id}`
  return {
    userId: offer.userId,
    kind: 'waitlist.withdrawn',
    title: `Cancelled: ${event.title}`,
    body: `${event.title} has been cancelled by its organiser, so the places held for you from the waitlist are released. You had not booked them: there is nothing to pay.`,
    link: url,
    data: { eventId: event.id, entryId: offer.entryId },
    email: {
      subject: `${event.title} is cancelled: your waitlist places are released`,
      heading: 'Your waitlist offer is withdrawn',
      paragraphs: [
        `We're sorry: the organiser cancelled ${event.title}, so the places we were holding for you from the waitlist are no longer yours to take.`,
        'You had not booked them, so there is nothing to pay and nothing to refund.',
      ],
      facts: eventFactsRows(event),
      action: { label: 'See the event', url },
    },
  }
}

export function googleUnlinkedNotice(userId: string, appUrl: string): Notice {
  const url = `${appUrl}/account`
  return {
    userId,
    kind: 'google.unlinked',
    title: 'Google Calendar disconnected',
    body: 'Google no longer accepts Bookify\'s access to your calendar, so new bookings will not appear there. Connect it again on your account page.',
    link: url,
    data: {},
    email: {
      subject: 'Google Calendar disconnected from Bookify',
      heading: 'Google Calendar is disconnected',
      paragraphs: ['Google no longer accepts Bookify\'s access to your calendar (it was revoked or expired), so your bookings will not appear there any more.', 'You can connect it again from your account page.'],
      action: { label: 'Open your account', url },
    },
  }
}
