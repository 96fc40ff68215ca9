// The demo's user-visible strings (Arabic), with the number and date formatting they use; the
// reader's and the corpus view's own are in reader.js and corpus.js.
// SPDX-License-Identifier: MIT

const numbers = new Intl.NumberFormat("ar");

/** Formats an integer the Arabic way (Arabic-Indic digits, Arabic grouping). */
export const num = (n) => numbers.format(n);

/** "2025-06-23" → "٢٣ يونيو ٢٠٢٥", "2023-09" → "سبتمبر ٢٠٢٣"; anything else as it is. */
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso || "");
  if (!m) return iso || "";
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +(m[3] || 1)));
  const opts = { year: "numeric", month: "long", timeZone: "UTC" };
  if (m[3]) opts.day = "numeric";
  return new Intl.DateTimeFormat("ar", opts).format(date);
}

const plural = new Intl.PluralRules("ar");
/** Picks the Arabic plural form: forms = { zero, one, two, few, many, other } with "#" for n. */
export const count = (n, forms) => (forms[plural.select(n)] ?? forms.other).replace("#", num(n));

/** "N articles" (the large page counts thousands: 11-99 take the accusative, 100+ the genitive). */
export const articles = (n) => count(n, { one: "مقال واحد", two: "مقالان", few: "# مقالات", many: "# مقالًا", other: "# مقال" });
const results = (n) =>
  count(n, { zero: "لا نتائج", one: "نتيجة واحدة", two: "نتيجتان", few: "# نتائج", other: "# نتيجة" });
const quoted = (w) => `«${w}»`;
const list = (words) => words.map(quoted).join("، ");

/**
 * Fills the elements under `root` that name a string: data-t="key" (the text) and
 * data-t-ATTR="key" (an attribute), from `strings`. Keys it lacks are left alone: the module
 * that has them (reader.js) fills them when it loads.
 */
export function applyStrings(root, strings) {
  for (const el of root.querySelectorAll("[data-t],[data-t-placeholder],[data-t-aria-label],[data-t-title]")) {
    for (const [name, key] of Object.entries(el.dataset)) {
      if (!name.startsWith("t") || !(key in strings)) continue;
      if (name === "t") el.textContent = strings[key];
      else el.setAttribute(name.slice(1).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).slice(1), strings[key]);
    }
  }
}

export const T = {
  pageTitle: "فهرس: ابحث في خمس مقالات عربية",
  titleOf: (what) => `${what} — فهرس`,
  brand: "فهرس",
  tagline: "بحث عربي داخل المتصفّح، يعمل دون اتصال",
  navLabel: "أقسام الصفحة",
  navSearch: "البحث",
  navCorpus: "كلمات المقالات",
  skip: "انتقل إلى النتائج",

  searchHeading: "البحث في المقالات",
  searchLabel: "ابحث في المقالات الخمس",
  searchPlaceholder: "مثلًا: كوريا الشمالية",
  sourceLabel: "المصدر",
  allSources: (n) => (n == null ? "كل المصادر" : `كل المصادر (${num(n)})`),
  sourceOption: (name, n) => `${name} (${num(n)})`,
  resultsLabel: "نتائج البحث",
  partialHeading: "نتائج تضم بعض الكلمات",
  more: "نتائج أخرى",

  loading: "جارٍ تحميل محرّك البحث والفهرس…",
  ready: (s) => `جاهز: ${articles(s.documents)}، ${count(s.tokens, { few: "# كلمات", other: "# كلمة" })}.`,
  offlineReady: "الصفحة جاهزة الآن للعمل دون اتصال.",
  loadError: "تعذّر تحميل محرّك البحث أو الفهرس.",
  loadErrorHint: "تحقّق من الاتصال بالشبكة ثم أعد المحاولة. إن تكرّر الخطأ فقد يكون المتصفّح قديمًا لا يدعم WebAssembly.",
  retry: "أعد المحاولة",

  results,
  resultsFor: (n, q) => `${results(n)} لـ${quoted(q)}`,
  correcting: "…",
  // Notes and empty states: each says what happened to this query, and what to try.
  typo: (word, written) => `لا ترد ${quoted(word)} في المقالات، فبحثنا عن أقرب الكلمات إليها: ${list(written)}.`,
  typoNear: (word, written) => `بحثنا أيضًا عن أقرب الكلمات إلى ${quoted(word)}: ${list(written)}.`,
  typoNothing: (words) => `لم نجد شيئًا، ولا لأقرب الكلمات إلى ${list(words)}. جرّب كتابة أخرى للكلمة.`,
  typoSkipped: (words) => `لا ترد ${list(words)} في المقالات، ولم نبحث عن أقرب الكلمات إليها: صحّحنا ما يكفي من كلمات هذا البحث. جرّب بحثًا أقصر.`,
  partial: (n) =>
    `في ${count(n, { one: "مقال واحد", two: "مقالين", few: "# مقالات", other: "# مقالًا" })} بعض كلمات البحث لا كلّها: تجدها تحت «نتائج تضم بعض الكلمات».`,
  stopword: (word) => `${quoted(word)} كلمة شائعة لا يُبحث عنها.`,
  truncated: "البحث أطول ممّا يُقرأ، فبحثنا في أوّله فقط.",
  noResults: (q) => `لا شيء في المقالات يطابق ${quoted(q)}. جرّب كلمة أخرى أو احذف بعض الشروط.`,
  noWords: "لا كلمات في البحث: التشكيل وعلامات الترقيم والرموز وحدها لا يُبحث عنها. اكتب كلمة.",
  onlyOperators: "OR والنجمة والشَّرطة تعمل مع الكلمات: اكتب كلمة قبلها أو بعدها.",
  onlyExclusions: (words) => `${list(words)} تُستبعد، لكن لا كلمة يُبحث عنها: اكتب ما تبحث عنه قبلها.`,
  excludedAll: (words, n) => `استبعدت ${list(words)} النتائج كلّها؛ دونها ${results(n)}.`,
  latin: (q) => `المقالات عربية: لا ترد فيها ${quoted(q)}. جرّب الكلمة بالعربية.`,
  pending: "تُطبَّق الشَّرطة وOR بعد أن تكتمل الكلمة التي تليها.",

  introTitle: "جرّب",
  intro: "يجري البحث كلّه على جهازك: لا خادم ولا اتصال بعد الزيارة الأولى. التشكيل والتطويل وصور الألف والهمزة والتاء المربوطة لا تؤثّر في النتائج.",
  // Each example with what it shows: some are spelled oddly on purpose.
  examples: [
    ["كوريا الشماليه", "بالهاء مكان التاء المربوطة"],
    ["الشَّمالية", "بالتشكيل"],
    ["روســـيا", "بالتطويل"],
    ["ٱلشراكة", "بألف الوصل"],
    ["\"الشراكة الاستراتيجية\"", "عبارة بترتيبها"],
    ["بوتين OR كيم", "إحدى الكلمتين"],
  ],
  exampleLabel: (q, why) => `ابحث عن ${q} (${why})`,

  helpTitle: "كيف أكتب البحث؟",
  help: [
    ["كوريا الشمالية", "كلمات متفرّقة: تُعرض المقالات التي تحوي الكلمات كلّها، والكلمة الأخيرة تُكمَل وأنت تكتب، وتُصحَّح إن لم تُكمَل."],
    ["\"الشراكة الاستراتيجية\"", "بين علامتَي تنصيص: العبارة بكلماتها وترتيبها."],
    ["روسيا -أوكرانيا", "شَرطة قبل الكلمة: استبعد المقالات التي تحويها."],
    ["استراتيج*", "نجمة في آخر الكلمة: كلّ كلمة تبدأ بها."],
    ["بوتين OR كيم", "OR بين كلمتين: إحداهما تكفي."],
    ["source:إرم", "حقل:قيمة: المقالات التي في حقلها هذه الكلمات، كالمصدر (source) أو التاريخ (date:2024)."],
  ],
  shortcuts: "اضغط / أو Ctrl+K (⌘K) للانتقال إلى مربّع البحث، والسهمين للتنقّل بين النتائج.",

  asideSummary: (lines) =>
    `من صفحة الموقع، لا من المقال (${count(lines, { one: "سطر واحد", two: "سطران", few: "# أسطر", other: "# سطرًا" })})`,

  corpusTitle: "كلمات المقالات",
  corpusHeading: "كلمات المقالات: الأكثر ورودًا وسياقاتها",
  corpusIntro: "الكلمات الأكثر ورودًا في المقالات الخمس، دون الكلمات الشائعة. اختر كلمة لترى سياقاتها.",
  byLegend: "احسب",
  byStem: "الكلمات بجذوعها",
  byNormalized: "الكلمات بصورتها الموحّدة",
  bySurface: "الكلمات كما وردت",
  freqLabel: "الكلمات الأكثر ورودًا",
  kwicLabel: "كلمة في سياقها",
  kwicPlaceholder: "مثلًا: الشراكة",
  kwicSubmit: "اعرض",
  // The reader's strings are in reader.js, the concordance's and frequency list's in corpus.js:
  // they load with their views, after the first result.

  update: "صدرت نسخة أحدث من هذه الصفحة.",
  updateButton: "حدّث الآن",
  footer: "فهرس: مكتبة C++ وWebAssembly مفتوحة المصدر للبحث في النصوص العربية.",
};
