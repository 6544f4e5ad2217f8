// Turns the endpoint's times and durations into text.

/** A duration in nanoseconds as text with a sensible unit. */
export function duration(nanos) {
  if (nanos < 1000) {
    return Math.round(nanos) + ' ns';
  }
  if (nanos < 1e6) {
    return (nanos / 1e3).toFixed(nanos < 1e4 ? 1 : 0) + ' \u00b5s';
  }
  if (nanos < 1e9) {
    return (nanos / 1e6).toFixed(nanos < 1e7 ? 2 : 1) + ' ms';
  }
  if (nanos < 120e9) {
    return (nanos / 1e9).toFixed(2) + ' s';
  }
  return (nanos / 60e9).toFixed(1) + ' min';
}

// What Date.toLocaleString() writes, made once: that call builds its formatter anew each time, which took seconds for
// the 2 000 times of a list of 1 000 traces and its scatter plot.
const LOCAL_TIME = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric',
  hour: 'numeric', minute: 'numeric', second: 'numeric' });

/** An ISO-8601 instant in the browser's time zone. */
export function localTime(instant) {
  const date = new Date(instant);
  return isNaN(date) ? instant : LOCAL_TIME.format(date);
}

// Epoch millis of whole seconds already read: the spans of one trace share few distinct seconds.
const seconds = new Map();

/**
 * An ISO-8601 instant in UTC with up to nine fraction digits, as the endpoint writes it
 * (2026-11-30T05:47:56.295432Z), as [epoch millis, nanos within the millisecond]: epoch nanoseconds do not fit a
 * double exactly. Read by hand, as a page of a large trace reads tens of thousands of them.
 */
export function instant(text) {
  const end = text.length - 1;
  if (text.length < 20 || text[end] !== 'Z' || (text[19] !== '.' && text[19] !== 'Z')) {
    return [Date.parse(text), 0];
  }
  const whole = text.substring(0, 19);
  let millis = seconds.get(whole);
  if (millis === undefined) {
    if (seconds.size > 10000) {
      seconds.clear();
    }
    millis = Date.parse(whole + 'Z');
    seconds.set(whole, millis);
  }
  const fraction = text[19] === '.' ? text.substring(20, end).padEnd(9, '0') : '000000000';
  return [millis + Number(fraction.substring(0, 3)), Number(fraction.substring(3, 9))];
}

/** Nanoseconds from instant `from` to instant `to`, both as returned by {@link instant}. */
export function nanosBetween(from, to) {
  return (to[0] - from[0]) * 1e6 + (to[1] - from[1]);
}
