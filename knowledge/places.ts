import zipcodes from 'zipcodes';
import { isEnglishWord } from './spelling.js';
import { wordsOf } from './textAnalysis.js';

/** Roughly the middle of our clinics (central Maryland) and how far around it visitors live. */
const AREA_CENTER = { lat: 39.1, lon: -76.9 };
const AREA_RADIUS_MILES = 60;
const MILES_PER_DEGREE_LATITUDE = 69;

/**
 * Words of the names of towns around our clinics ("rockville", "burnie", "germantown") and "dc",
 * leaving out ordinary English words ("glen", "silver", "spring"). A visitor who names their
 * town ("I live in Rockville, which office is closest?") is still asking about our clinics, so
 * the retrieval index treats these words as neutral rather than as signs of another subject.
 */
export function nearbyPlaceWords(): Set<string> {
  const words = new Set(['dc']);
  const milesPerDegreeLongitude = MILES_PER_DEGREE_LATITUDE * Math.cos((AREA_CENTER.lat * Math.PI) / 180);
  for (const code of Object.values(zipcodes.codes)) {
    if (code.country !== 'US') continue;
    const north = (code.latitude - AREA_CENTER.lat) * MILES_PER_DEGREE_LATITUDE;
    const east = (code.longitude - AREA_CENTER.lon) * milesPerDegreeLongitude;
    if (north * north + east * east > AREA_RADIUS_MILES * AREA_RADIUS_MILES) continue;
    for (const word of wordsOf(code.city)) if (word.length >= 4 && !isEnglishWord(word)) words.add(word);
  }
  return words;
}
