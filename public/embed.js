/*
 * Bookify booking widget. On your site (whose origin you listed under Organise → Embed):
 *   <script src="https://YOUR-BOOKIFY/embed.js" data-event="EVENT_ID" async></script>
 * It puts the event's booking flow in an iframe right after this script tag, sizes the iframe to its
 * content, and when a booking is confirmed fires `bookify:booked` (a CustomEvent that bubbles from
 * the iframe to document, detail {bookingId, eventId}); the frame's own message
 * {type: 'bookify:booking-confirmed', bookingId, eventId} also reaches window's "message" listeners.
 * No dependencies and no build step: plain script for any page that allows it.
 */
(function () {
  'use strict'
  var script = document.currentScript
  if (!script || !script.src) return
  var eventId = script.getAttribute('data-event')
  if (!eventId) {
    if (window.console) console.error('Bookify widget: add data-event="<event id>" to the script tag.')
    return
  }
  var app = new URL(script.src).origin
  var src = new URL('/embed/events/' + encodeURIComponent(eventId), app)
  // Bookify lets only this origin frame the page when it is on the organiser's list, and then
  // posts its messages to it alone.
  src.searchParams.set('origin', window.location.origin)

  var frame = document.createElement('iframe')
  frame.src = src.href
  frame.title = script.getAttribute('data-title') || 'Book tickets'
  frame.className = 'bookify-widget'
  frame.style.cssText = 'display:block;width:100%;min-height:320px;border:0;'
  script.parentNode.insertBefore(frame, script.nextSibling)

  window.addEventListener('message', function (e) {
    if (e.origin !== app || e.source !== frame.contentWindow) return
    var data = e.data
    if (!data || typeof data.type !== 'string') return
    if (data.type === 'bookify:resize' && typeof data.height === 'number' && data.height > 0) {
      frame.style.height = Math.ceil(data.height) + 'px'
    } else if (data.type === 'bookify:booking-confirmed') {
      var detail = { bookingId: String(data.bookingId), eventId: String(data.eventId) }
      var event
      if (typeof window.CustomEvent === 'function') event = new CustomEvent('bookify:booked', { bubbles: true, detail: detail })
      else {
        event = document.createEvent('CustomEvent')
        event.initCustomEvent('bookify:booked', true, false, detail)
      }
      frame.dispatchEvent(event)
    }
  })
})()
