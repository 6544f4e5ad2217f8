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

/** An ISO-8601 instant in the browser's time zone. */
export function localTime(instant) {
  const date = new Date(instant);
  return isNaN(date) ? instant : date.toLocaleString();
}

/**
 * An ISO-8601 instant with up to nine fraction digits, as the endpoint writes it, as [epoch millis, nanos within the
 * millisecond]: epoch nanoseconds do not fit a double exactly.
 */
export function instant(text) {
  const match = /^(.*T\d\d:\d\d(?::\d\d)?)(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!match) {
    return [Date.parse(text), 0];
  }
  const fraction = (match[2] || '').padEnd(9, '0');
  return [Date.parse(match[1] + 'Z') + Number(fraction.substring(0, 3)), Number(fraction.substring(3))];
}

/** Nanoseconds from instant `from` to instant `to`, both as returned by {@link instant}. */
export function nanosBetween(from, to) {
  return (to[0] - from[0]) * 1e6 + (to[1] - from[1]);
}
