import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { BusinessCalendar } from '../types/calendar.types';

const calendar = endpoint<BusinessCalendar>('GET', '/calendar');
const saveCalendar = endpoint<BusinessCalendar>('PUT', '/calendar');

/** The business calendar (anyone signed in reads it; administrators replace it). */
export const calendarApi = (http: Http) => ({
  calendar: (signal?: AbortSignal) => calendar(http, { signal }),
  saveCalendar: (body: BusinessCalendar) => saveCalendar(http, { body }),
});
