import zipcodes from 'zipcodes';
import { isEnglishWord } from './spelling.js';
import { wordsOf } from './textAnalysis.js';

/** Roughly the middle of our clinics (central Maryland) and how far around it visitors live. */
const AREA_CENTER = { lat: 39.1, lon: -76.9 };
const AREA_RADIUS_MILES = 60;
const MILES_PER_DEGREE_LATITUDE = 69;

/**
 * Names of towns around our clinics, as words and phrases a visitor may use for their town: every
 * town name of two or more words ("glen burnie", "silver spring", "college park") and every word
 * of a town name that is not an ordinary English word ("rockville", "burnie", "germantown"). A
 * one-word name that is also an English word ("street", "boring", "paris") is left out: alone it
 * more likely means the word; everyday-words.yaml lists the few such towns people often name
 * ("laurel", "savage"). A visitor who names their town ("I live in Rockville, which office is
 * closest?") is still asking about our clinics, so the retrieval index treats these as neutral
 * rather than as signs of another subject.
 */
export function nearbyPlaceNames(): string[] {
  const names = new Set(['dc']);
  const milesPerDegreeLongitude = MILES_PER_DEGREE_LATITUDE * Math.cos((AREA_CENTER.lat * Math.PI) / 180);
  for (const code of Object.values(zipcodes.codes)) {
    if (code.country !== 'US') continue;
    const north = (code.latitude - AREA_CENTER.lat) * MILES_PER_DEGREE_LATITUDE;
    const east = (code.longitude - AREA_CENTER.lon) * milesPerDegreeLongitude;
    if (north * north + east * east > AREA_RADIUS_MILES * AREA_RADIUS_MILES) continue;
    const words = wordsOf(code.city);
    if (words.length > 1) names.add(words.join(' '));
    for (const word of words) if (word.length >= 4 && !isEnglishWord(word)) names.add(word);
  }
  return [...names];
}
