'use strict';
// Turning a tuf-js failure into one `ERROR <ErrorClassName>: <message>` line.
//
// tuf-js 5 loses the class of some errors: Updater.loadSnapshot() and loadTargets() catch the real
// error (UnsignedMetadataError, LengthOrHashMismatchError, DownloadHTTPError, ...) and throw
// `new RuntimeError('Unable to load ... error ' + error)`, keeping only its text. A harness needs
// the real reason (an unsigned snapshot and a 404 are different verdicts), so the shim records
// every error thrown by the updater's verification and download steps, on this one instance,
// without changing what they do, and reports the recorded error the wrapper's text came from.

// Wrap `methods` of `obj` (sync or async) to push whatever they throw onto `sink`, then rethrow.
function recordThrows(obj, methods, sink) {
  if (!obj) return;
  for (const name of methods) {
    const original = obj[name];
    if (typeof original !== 'function') continue;
    obj[name] = function recorded(...args) {
      try {
        const result = original.apply(this, args);
        if (result && typeof result.then === 'function') {
          return result.catch((e) => { sink.push(e); throw e; });
        }
        return result;
      } catch (e) {
        sink.push(e);
        throw e;
      }
    };
  }
}

// The error to report: follow `cause` links, then replace a wrapper whose message ends with the
// text of a recorded error by that error (the most recent such one).
function innermost(error, recorded = []) {
  let e = error;
  for (let depth = 0; e instanceof Error && e.cause instanceof Error && depth < 16; depth++) e = e.cause;
  if (!(e instanceof Error)) return e;
  const source = [...recorded].reverse()
    .find((r) => r instanceof Error && r !== e && e.message.endsWith(String(r)));
  return source ? innermost(source) : e;
}

function className(e) {
  if (e instanceof Error) return e.constructor?.name || e.name || 'Error';
  return typeof e;
}

function errorLine(error, recorded) {
  const e = innermost(error, recorded);
  let message = e instanceof Error ? e.message : String(e);
  // DownloadHTTPError says only "Failed to download"; the status is what tells 404 from 500.
  if (e && typeof e.statusCode === 'number') message += ` (HTTP ${e.statusCode})`;
  return `ERROR ${className(e)}: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`;
}

module.exports = { recordThrows, innermost, errorLine };
