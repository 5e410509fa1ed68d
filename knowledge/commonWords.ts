/**
 * Everyday English words that say nothing about whether a message is about sciatica, physical
 * therapy or our clinics: they turn up in any conversation ("best", "time", "place", "mom",
 * "tomorrow"). The retrieval index neither counts them as domain vocabulary (even when the
 * knowledge base happens to use them) nor holds them against a message as unknown words.
 *
 * Not tied to any evaluation set: a general list of common verbs, nouns, adjectives and
 * adverbs, people and time words. Filler words (articles, pronouns, "please") are dropped
 * earlier, in textAnalysis.ts.
 */
export const COMMON_WORDS: readonly string[] = [
  'how to',
  ...`
what when where why which whose
go goes going went gone come comes coming came make makes making made take takes taking took taken
give gives giving gave given see sees seeing saw seen look looks looking looked think thinks thought
try tries trying tried use uses using used find finds finding found start starts starting started
keep keeps keeping kept need needs needing needed mean means meant happen happens happened put puts
seem seems seemed feel feels feeling felt ask asks asking asked wonder wondering wondered hope hoping
believe guess suppose work works working worked live lives living lived leave leaving left
show shows showed shown turn turns turned become becomes became run runs running
hear heard read write wrote talk talks talking talked speak spoke play plays playing played buy bought
meet met change changes changed stay stays stayed wait waiting waited deal dealing dealt
learn learned learning understand understood remember forgot forget explain explained explaining
time times day days week weeks month months year years minute minutes second moment while
today tonight tomorrow yesterday morning afternoon evening night weekend lately recently
thing things stuff way ways lot lots bit part kind type sort place places area people guy guys
man woman men women kid kids child children baby family mom mother dad father parent parents wife
husband son daughter brother sister grandma grandpa grandmother grandfather friend friends
boyfriend girlfriend partner boss coworker neighbor aunt uncle cousin
good great best better bad worse worst nice fine new old big small little large short high low
much many more most few less least other another same different real actual sure certain whole only
own able possible normal usual common easy hard fast quick slow early late full half next last first
every each enough okay true false important main free right wrong top
actually usually probably definitely basically literally honestly seriously totally pretty quite
always never sometimes often already soon ago almost maybe perhaps yet though although however
anyway else instead together around ahead away far near
question questions answer answers info information idea problem problems issue issues reason case
example fact point number word words name maryland md`
    .split(/\s+/)
    .filter((word) => word.length > 0),
];
