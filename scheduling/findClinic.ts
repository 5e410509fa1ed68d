import zipcodes from 'zipcodes';
import { editDistance } from '../knowledge/spelling.js';
import type { Clinic, ClinicDirectory } from './clinics.js';

/**
 * Which clinic a visitor means. matchClinic reads the answer to "Which clinic?" generously (a
 * button label, a misspelt town, a ZIP code, the town they live in); findClinicMention reads a
 * whole sentence strictly and only finds a clinic that is plainly named in it.
 *
 * Places come from the `zipcodes` package (US ZIP codes with their town and coordinates); a town's
 * position is the average of its ZIP codes' positions.
 */

export interface ClinicMatch {
  clinic: Clinic;
  /** 'named': the visitor named this clinic; 'nearest': they gave a place and this clinic is closest to it. */
  how: 'named' | 'nearest';
  /** The place understood, for 'nearest': "Annapolis, MD" or "Annapolis, MD 21401". */
  place?: string;
  /** Straight-line miles from that place to the clinic, to one decimal. */
  miles?: number;
}

/** Beyond this, the nearest clinic is still returned but the dialog should say it is far. */
export const FAR_AWAY_MILES = 60;

/** The answer to "Which clinic?". Undefined when nothing in it points to one clinic. */
export function matchClinic(text: string, directory: ClinicDirectory): ClinicMatch | undefined {
  const words = normalize(text);
  if (words === '') return undefined;

  const named = clinicsNamedIn(words, directory);
  if (named.length > 0) return named.length === 1 && named[0] ? { clinic: named[0], how: 'named' } : undefined;

  const zip = /(?:^|\D)(\d{5})(?:[\s-]*\d{4})?(?!\d)/.exec(text)?.[1];
  if (zip !== undefined) return nearestToZip(zip, directory);

  const wanted = withoutLocationLeadIn(words);
  if (stateCode(wanted) && wanted !== 'dc') return undefined; // "Maryland": a state is no place to measure from
  const nearbyPlace = findPlace(wanted, { nearbyOnly: true });
  if (nearbyPlace) return nearestToPlace(nearbyPlace, directory);

  const misspelt = clinicWithSimilarName(wanted, directory);
  if (misspelt) return { clinic: misspelt, how: 'named' };

  const place = findPlace(wanted, { nearbyOnly: false }) ?? findSimilarNearbyPlace(wanted);
  return place ? nearestToPlace(place, directory) : undefined;
}

/**
 * A clinic plainly named inside a longer sentence ("appointment in Bowie next week", "the
 * gaithersburg one"): its town, id or name as whole words, allowing one typo only in long town
 * names ("fredrick"). Undefined when no clinic or more than one is named.
 */
export function findClinicMention(text: string, directory: ClinicDirectory): Clinic | undefined {
  const words = normalize(text);
  if (words === '') return undefined;
  const found = new Set(clinicsNamedIn(words, directory));
  const tokens = words.split(' ');
  for (const clinic of directory.clinics) {
    for (const townWord of distinctiveTownWords(clinic)) {
      if (townWord.length >= 7 && tokens.some((token) => token.length >= 7 && editDistance(token, townWord, 1) <= 1)) found.add(clinic);
    }
  }
  const [only, ...others] = found;
  return others.length === 0 ? only : undefined;
}

/** All clinics, nearest first, with straight-line miles. */
export function nearestClinics(lat: number, lon: number, directory: ClinicDirectory): Array<{ clinic: Clinic; miles: number }> {
  return directory.clinics
    .map((clinic) => ({ clinic, miles: milesBetween(lat, lon, clinic.lat, clinic.lon) }))
    .sort((a, b) => a.miles - b.miles);
}

/** Lower case, accents and apostrophes dropped, anything else not a letter or digit → one space. */
function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bd c\b/g, 'dc')
    .trim();
}

function hasPhrase(words: string, phrase: string): boolean {
  return phrase !== '' && ` ${words} `.includes(` ${phrase} `);
}

/** What a clinic is called: its town ("severna park"), its id ("severna park") and its name. */
function clinicNames(clinic: Clinic): string[] {
  return [...new Set([normalize(clinic.town), normalize(clinic.id), normalize(clinic.name)])];
}

function clinicsNamedIn(words: string, directory: ClinicDirectory): Clinic[] {
  return directory.clinics.filter((clinic) => clinicNames(clinic).some((name) => hasPhrase(words, name)));
}

/** The words of a clinic's town that are not everyday words like "park". */
function distinctiveTownWords(clinic: Clinic): string[] {
  return normalize(clinic.town)
    .split(' ')
    .filter((word) => !EVERYDAY_TOWN_WORDS.has(word));
}

const EVERYDAY_TOWN_WORDS = new Set(['park', 'city', 'town', 'north', 'south', 'east', 'west', 'new', 'mount', 'saint', 'fort', 'lake', 'hill', 'hills', 'heights', 'spring', 'springs', 'village']);

/** Words around a clinic's name in an answer: "the one in gathersburg please" → "gathersburg". */
const FILLER_WORDS = new Set([
  'forever', 'fit', 'physical', 'therapy', 'pt', 'clinic', 'clinics', 'location', 'office', 'branch', 'center', 'centre',
  'the', 'one', 'in', 'at', 'near', 'please', 'md', 'maryland', 'i', 'id', 'im', 'would', 'like', 'want', 'prefer',
  'go', 'to', 'choose', 'pick', 'that', 'thanks', 'thank', 'you', 'ok', 'okay', 'yes',
]);

/** A clinic whose town is spelt nearly like the answer ("gathersburg", "severna prk") or begins with it ("gaithers"). */
function clinicWithSimilarName(words: string, directory: ClinicDirectory): Clinic | undefined {
  const tokens = words.split(' ').filter((token) => !FILLER_WORDS.has(token));
  if (tokens.length === 0) return undefined;
  const answer = tokens.join(' ');
  let best: { clinic: Clinic; distance: number } | undefined;
  let tie = false;
  for (const clinic of directory.clinics) {
    const town = normalize(clinic.town);
    const townWordCount = town.split(' ').length;
    const candidates = [answer, ...windows(tokens, townWordCount)];
    const allowed = town.length < 5 ? 0 : town.length < 9 ? 1 : 2;
    let distance = Math.min(...candidates.map((candidate) => editDistance(candidate, town, allowed)));
    if (distance > allowed && answer.length >= 4 && town.startsWith(answer)) distance = 0;
    if (distance > allowed) continue;
    if (!best || distance < best.distance) {
      best = { clinic, distance };
      tie = false;
    } else if (distance === best.distance && best.clinic !== clinic) {
      tie = true;
    }
  }
  return best && !tie ? best.clinic : undefined;
}

function windows(tokens: string[], size: number): string[] {
  const result: string[] = [];
  for (let i = 0; i + size <= tokens.length; i++) result.push(tokens.slice(i, i + size).join(' '));
  return result;
}

interface Place {
  city: string;
  state: string;
  lat: number;
  lon: number;
  zip?: string;
}

function placeLabel(place: Place): string {
  return `${place.city}, ${place.state}${place.zip ? ` ${place.zip}` : ''}`;
}

function nearestToPlace(place: Place, directory: ClinicDirectory): ClinicMatch | undefined {
  const nearest = nearestClinics(place.lat, place.lon, directory)[0];
  if (!nearest) return undefined;
  return { clinic: nearest.clinic, how: 'nearest', place: placeLabel(place), miles: Math.round(nearest.miles * 10) / 10 };
}

function nearestToZip(zip: string, directory: ClinicDirectory): ClinicMatch | undefined {
  const code = zipcodes.lookup(zip);
  if (!code || code.country !== 'US' || !hasPosition(code)) return undefined;
  return nearestToPlace({ city: code.city, state: code.state, lat: code.latitude, lon: code.longitude, zip: code.zip }, directory);
}

/** "i live in germantown md" → "germantown md"; "near annapolis please" → "annapolis". */
function withoutLocationLeadIn(words: string): string {
  return words
    .replace(/^(?:(?:i|we|im|i am|we are)\s+(?:live\s+|work\s+|stay\s+|located\s+)?)?(?:(?:in|near|close to|closer to|around|by|from|outside|outside of|next to|nearby)\s+)?(?:the\s+)?/, '')
    .replace(/(?:\s+(?:area|please|thanks|thank you))+$/, '')
    .trim();
}

/** States close enough that a town name alone there most likely means that town. */
const NEARBY_STATES = new Set(['MD', 'DC', 'VA', 'DE', 'PA', 'WV']);

/**
 * Town names that are also everyday words ("okay", "home", "hurt"): read as a place only when a
 * state comes with them ("Accident, MD").
 */
const WORDS_NOT_PLACES = new Set(['okay', 'ok', 'home', 'hurt', 'hope', 'happy', 'welcome', 'boring', 'accident', 'issue', 'chance', 'start', 'center', 'central', 'park', 'friendship', 'fred', 'why', 'nothing', 'none', 'any']);

/** "germantown md", "silver spring", "washington dc", "dc", "chicago illinois" → a town with its position. */
function findPlace(words: string, options: { nearbyOnly: boolean }): Place | undefined {
  for (const { city, state } of cityAndState(words)) {
    const candidates = placeIndex().get(city) ?? [];
    if (state) {
      const inState = candidates.find((place) => place.state === state);
      if (inState) return inState;
      continue;
    }
    if (WORDS_NOT_PLACES.has(city)) continue;
    const nearby = candidates.filter((place) => NEARBY_STATES.has(place.state));
    if (nearby.length > 0) return closestToMaryland(nearby);
    if (!options.nearbyOnly && candidates.length === 1 && city.length >= 5) return candidates[0];
  }
  return undefined;
}

/** One typo in a nearby town of six letters or more: "anapolis", "germantwon". */
function findSimilarNearbyPlace(words: string): Place | undefined {
  const interpretations = cityAndState(words).filter(({ city }) => city.length >= 6 && !WORDS_NOT_PLACES.has(city));
  const matches: Place[] = [];
  for (const [name, places] of placeIndex()) {
    for (const { city, state } of interpretations) {
      if (Math.abs(name.length - city.length) > 1 || editDistance(name, city, 1) > 1) continue;
      matches.push(...places.filter((place) => (state ? place.state === state : NEARBY_STATES.has(place.state))));
    }
  }
  return matches.length > 0 ? closestToMaryland(matches) : undefined;
}

/** The ways to read a trailing state: "germantown md" → {germantown, MD} then {germantown md}. */
function cityAndState(words: string): Array<{ city: string; state?: string }> {
  if (words === '') return [];
  if (words === 'dc' || words === 'washington dc') return [{ city: 'washington', state: 'DC' }];
  const tokens = words.split(' ');
  const readings: Array<{ city: string; state?: string }> = [];
  for (let stateWords = Math.min(3, tokens.length - 1); stateWords >= 1; stateWords--) {
    const state = stateCode(tokens.slice(-stateWords).join(' '));
    if (state) readings.push({ city: expandAbbreviations(tokens.slice(0, -stateWords).join(' ')), state });
  }
  readings.push({ city: expandAbbreviations(words) });
  return readings;
}

function stateCode(words: string): string | undefined {
  const upper = words.toUpperCase();
  if (upper.length === 2 && zipcodes.states.abbr[upper]) return upper;
  return zipcodes.states.full[upper];
}

/** Among same-named towns, the one nearest our clinics' area (central Maryland). */
function closestToMaryland(places: Place[]): Place | undefined {
  const [centerLat, centerLon] = [39.1, -76.9];
  return [...places].sort((a, b) => milesBetween(a.lat, a.lon, centerLat, centerLon) - milesBetween(b.lat, b.lon, centerLat, centerLon))[0];
}

let placesByName: Map<string, Place[]> | undefined;

/** Every US town in the ZIP data by normalized name ("saint michaels"), one entry per state. */
function placeIndex(): Map<string, Place[]> {
  if (placesByName) return placesByName;
  const sums = new Map<string, { name: string; city: string; state: string; lat: number; lon: number; count: number }>();
  for (const code of Object.values(zipcodes.codes)) {
    if (code.country !== 'US' || !hasPosition(code)) continue;
    const name = expandAbbreviations(normalize(code.city));
    const key = `${name}|${code.state}`;
    const sum = sums.get(key) ?? { name, city: code.city, state: code.state, lat: 0, lon: 0, count: 0 };
    sum.lat += code.latitude;
    sum.lon += code.longitude;
    sum.count += 1;
    sums.set(key, sum);
  }
  placesByName = new Map();
  for (const { name, city, state, lat, lon, count } of sums.values()) {
    const places = placesByName.get(name) ?? [];
    places.push({ city, state, lat: lat / count, lon: lon / count });
    placesByName.set(name, places);
  }
  return placesByName;
}

function expandAbbreviations(name: string): string {
  return name.replace(/^st /, 'saint ').replace(/^mt /, 'mount ').replace(/^ft /, 'fort ');
}

function hasPosition(code: { latitude: number; longitude: number }): boolean {
  return Number.isFinite(code.latitude) && Number.isFinite(code.longitude) && !(code.latitude === 0 && code.longitude === 0);
}

/** Great-circle distance in statute miles. */
function milesBetween(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
  const dLat = toRadians(lat2 - lat1);
  const dLon = toRadians(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(lat1)) * Math.cos(toRadians(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}


/**
 * The place a visitor asks about inside a question ("which clinic is closest to Annapolis?",
 * "anything near 21401?"), matched to a clinic as matchClinic would match it on its own.
 */
export function clinicForPlaceInQuestion(text: string, directory: ClinicDirectory): ClinicMatch | undefined {
  if (/(?:^|\D)\d{5}(?!\d)/.test(text)) return matchClinic(text, directory);
  const place = /\b(?:closest|nearest|near|close|closer|around|from|in)\s+(?:to\s+)?([\p{L} .,'-]{3,40}?)\s*[?.!]*$/iu.exec(text.trim())?.[1];
  return place ? matchClinic(place, directory) : undefined;
}
