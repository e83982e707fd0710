// Occurrences of an iCalendar file as Mozilla's ical.js (Thunderbird's
// parser) reads it: `node ical_occurrences.mjs FROM TO < file.ics` prints a
// JSON list of {uid, summary, start} for every occurrence that overlaps
// [FROM, TO) (ISO 8601, UTC). Starts are UTC ISO strings, or YYYY-MM-DD for
// all-day dates. The VTIMEZONEs of the file are the only zone information
// ical.js gets, as in a calendar client; run with TZ=UTC so that a missing
// zone shows up as a floating (wrong) time instead of the machine's zone.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [from, to] = process.argv.slice(2);
const root = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const windowStart = ICAL.Time.fromJSDate(new Date(from), true);
const windowEnd = ICAL.Time.fromJSDate(new Date(to), true);

const byUid = new Map();
for (const vevent of root.getAllSubcomponents("vevent")) {
  const uid = vevent.getFirstPropertyValue("uid");
  if (!byUid.has(uid)) byUid.set(uid, []);
  byUid.get(uid).push(vevent);
}

const shown = (time) =>
  time.isDate ? time.toString() : time.toJSDate().toISOString().replace(".000Z", "Z");
const overlaps = (start, end) =>
  start.compare(windowEnd) < 0 && end.compare(windowStart) > 0;

const found = [];
for (const [uid, components] of byUid) {
  const master =
    components.find((c) => !c.hasProperty("recurrence-id")) ?? components[0];
  const event = new ICAL.Event(master);
  for (const other of components) {
    if (other !== master) event.relateException(other);
  }
  if (!event.isRecurring()) {
    if (overlaps(event.startDate, event.endDate)) {
      found.push({ uid, summary: event.summary, start: shown(event.startDate) });
    }
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    if (details.startDate.compare(windowEnd) >= 0 && next.compare(windowEnd) >= 0) {
      break;
    }
    if (overlaps(details.startDate, details.endDate)) {
      found.push({ uid, summary: details.item.summary, start: shown(details.startDate) });
    }
  }
}
process.stdout.write(JSON.stringify(found));
