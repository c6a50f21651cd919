'use strict';
// Reference time for tuf-js. Mallory cannot hand an injected clock to a third-party client, and
// tuf-js reads the time through the global Date (`new Date()` when its TrustedMetadataStore is
// created; Signed.isExpired() compares against that). Rather than depend on libfaketime being
// installed and preloaded, the shim reads FAKETIME (or --reference-time) itself and replaces
// globalThis.Date with a copy whose clock starts at the requested time. The clock keeps ticking
// from there, like libfaketime's "@" start-at mode; every expiry check of one run uses the single
// reference time tuf-js records at start-up (spec 5.1), so that is as good as a frozen clock.

const RealDate = globalThis.Date;
const UNIT_SECONDS = { '': 1, s: 1, m: 60, h: 3600, d: 86400, y: 365 * 86400 };

class ClockError extends Error {}

// Accepted forms (those of libfaketime's FAKETIME and of the tuf-conformance shims):
//   @1767323045                 epoch seconds (fractions allowed)
//   @2026-01-02 03:04:05        libfaketime's start-at form
//   2026-01-02 03:04:05         libfaketime's absolute form
//   2026-01-02T03:04:05Z        ISO-8601, with Z or a +hh:mm offset
//   -28235797, +400d, -2h       offset from the real time (the `faketime` wrapper writes seconds)
// A date-time without a zone is read as UTC (libfaketime would use the local zone: pass a zone
// or epoch seconds when that matters). Returns epoch milliseconds.
function parseReferenceTime(text, realNowMs = RealDate.now()) {
  const s = String(text).trim();
  const epoch = /^@(-?\d+(?:\.\d+)?)$/.exec(s);
  if (epoch) return Number(epoch[1]) * 1000;
  const rel = /^([+-]\d+(?:\.\d+)?)([smhdy]?)$/i.exec(s);
  if (rel) return realNowMs + Number(rel[1]) * UNIT_SECONDS[rel[2].toLowerCase()] * 1000;
  const m = /^@?(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (!m) throw new ClockError(`cannot parse reference time '${text}' (use @<epoch seconds> or ISO-8601)`);
  const zone = m[3] ? m[3].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
  const ms = RealDate.parse(`${m[1]}T${m[2]}${zone}`);
  if (Number.isNaN(ms)) throw new ClockError(`invalid reference time '${text}'`);
  return ms;
}

// Which time to use: an explicit --reference-time wins over the ambient FAKETIME. When
// libfaketime is preloaded (the `faketime` wrapper) it already shifts node's clock and FAKETIME
// describes that shift: applying it again would move time twice, so it is left alone.
function chooseReferenceTime(optionValue, env = process.env) {
  if (optionValue !== undefined) return parseReferenceTime(optionValue);
  const fake = env.FAKETIME;
  if (!fake || !fake.trim()) return undefined;
  if (/faketime/.test(env.LD_PRELOAD || '')) return undefined;
  return parseReferenceTime(fake);
}

// Replace the global Date so that "now" is `epochMs` at the moment of the call. Explicit dates
// (`new Date(x)`, Date.parse, Date.UTC) are untouched, so parsing `expires` still works.
function installReferenceTime(epochMs) {
  const offset = epochMs - RealDate.now();
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString(); // Date() called as a function
    },
    get(target, prop, receiver) {
      return prop === 'now' ? now : Reflect.get(target, prop, receiver);
    },
  });
}

module.exports = { parseReferenceTime, chooseReferenceTime, installReferenceTime, ClockError };
