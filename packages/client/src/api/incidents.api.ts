import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { Incident, IncidentFilter } from '../types/incidents.types';

const incidents = endpoint<Incident[]>('GET', '/incidents');
const retryIncident = endpoint<Incident>('POST', '/incidents/{incidentId}/retry');

/** Incidents (admins): failures that need a person, and their retry. */
export const incidentsApi = (http: Http) => ({
  incidents: (status: IncidentFilter, signal?: AbortSignal) =>
    incidents(http, { query: { status }, signal }),
  retryIncident: (incidentId: string) => retryIncident(http, { path: { incidentId } }),
});
