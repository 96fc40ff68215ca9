// Every user-visible string of the demo (Arabic), with the number and date formatting they use.
// SPDX-License-Identifier: MIT

const numbers = new Intl.NumberFormat("ar");
const millis = new Intl.NumberFormat("ar", { maximumSignificantDigits: 2 });

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
const count = (n, forms) => (forms[plural.select(n)] ?? forms.other).replace("#", num(n));

const articles = (n) => count(n, { one: "مقال واحد", two: "مقالان", few: "# مقالات", other: "# مقالًا" });
const list = (words) => words.map((w) => `«${w}»`).join("، ");

export const T = {
  pageTitle: "فهرس: ابحث في خمس مقالات عربية",
  brand: "فهرس",
  tagline: "بحث عربي داخل المتصفّح، يعمل دون اتصال",
  navLabel: "أقسام الصفحة",
  navSearch: "البحث",
  navCorpus: "المدوّنة",
  skip: "انتقل إلى النتائج",

  searchHeading: "البحث في المقالات",
  searchLabel: "ابحث في المقالات الخمس",
  searchPlaceholder: "مثلًا: كوريا الشمالية",
  sourceLabel: "المصدر",
  allSources: (n) => (n == null ? "كل المصادر" : `كل المصادر (${num(n)})`),
  sourceOption: (name, n) => `${name} (${num(n)})`,
  resultsLabel: "نتائج البحث",
  more: "نتائج أخرى",

  loading: "جارٍ تحميل محرّك البحث والفهرس…",
  ready: (s) => `جاهز: ${articles(s.documents)}، ${count(s.tokens, { few: "# كلمات", other: "# كلمة" })}.`,
  loadError: "تعذّر تحميل محرّك البحث أو الفهرس.",
  loadErrorHint: "تحقّق من الاتصال بالشبكة ثم أعد المحاولة. إن تكرّر الخطأ فقد يكون المتصفّح قديمًا لا يدعم WebAssembly.",
  retry: "أعد المحاولة",

  results: (n) =>
    count(n, { zero: "لا نتائج", one: "نتيجة واحدة", two: "نتيجتان", few: "# نتائج", other: "# نتيجة" }),
  took: (ms) => `في ${millis.format(ms)} ملّي ثانية`,
  noResults: "لم نجد ما يطابق بحثك. جرّب كلمة أخرى أو احذف بعض الشروط.",
  typo: (word, terms) => `لا ترد «${word}» في المقالات، فبحثنا عن أقرب الكلمات إليها: ${list(terms)}.`,
  stopword: (word) => `«${word}» كلمة شائعة لا يُبحث عنها.`,

  introTitle: "جرّب",
  intro: "يجري البحث كلّه على جهازك: لا خادم ولا اتصال بعد الزيارة الأولى. التشكيل والتطويل وصور الألف والهمزة والتاء المربوطة لا تؤثّر في النتائج.",
  examples: ["كوريا الشماليه", "الشَّمالية", "روســـيا", "ٱلشراكة", "\"الشراكة الاستراتيجية\"", "بوتين OR كيم"],
  exampleLabel: (q) => `ابحث عن ${q}`,

  helpTitle: "كيف أكتب البحث؟",
  help: [
    ["كوريا الشمالية", "كلمات متفرّقة: تُعرض المقالات التي تحوي الكلمات كلّها، والكلمة الأخيرة تُكمَل وأنت تكتب."],
    ["\"الشراكة الاستراتيجية\"", "بين علامتَي تنصيص: العبارة بكلماتها وترتيبها."],
    ["روسيا -أوكرانيا", "شَرطة قبل الكلمة: استبعد المقالات التي تحويها."],
    ["استراتيج*", "نجمة في آخر الكلمة: كلّ كلمة تبدأ بها."],
    ["بوتين OR كيم", "OR بين كلمتين: إحداهما تكفي."],
    ["source:إرم", "حقل:قيمة: المقالات التي في حقلها هذه الكلمات، كالمصدر (source) أو التاريخ (date:2024)."],
  ],
  shortcuts: "اضغط / للانتقال إلى مربّع البحث.",

  reader: "قارئ المقال",
  close: "إغلاق",
  closeHint: "إغلاق (Esc)",
  prev: "السابق",
  next: "التالي",
  prevHint: "المطابقة السابقة (P)",
  nextHint: "المطابقة التالية (N)",
  matchOf: (i, n) => `${num(i)} من ${num(n)}`,
  matches: (n) =>
    count(n, { zero: "لا مطابقات", one: "مطابقة واحدة", two: "مطابقتان", few: "# مطابقات", other: "# مطابقة" }),
  missingDoc: "لم نجد هذا المقال في الفهرس.",
  original: "المقال في موقعه الأصلي",

  corpusHeading: "المدوّنة: الكلمات الأكثر ورودًا وسياقاتها",
  corpusIntro: "الكلمات الأكثر ورودًا في المقالات الخمس، دون الكلمات الشائعة. اختر كلمة لترى سياقاتها.",
  byLegend: "احسب حسب",
  byStem: "الجذع",
  byNormalized: "الصيغة الموحّدة",
  bySurface: "الصيغة كما وردت",
  freqLabel: "الكلمات الأكثر ورودًا",
  freqItem: (term, n, docs) =>
    `${term}: ${count(n, { one: "مرّة واحدة", two: "مرّتان", few: "# مرّات", other: "# مرّة" })} في ${count(docs, { one: "مقال واحد", two: "مقالين", few: "# مقالات", other: "# مقالًا" })}`,
  kwicLabel: "كلمة في سياقها",
  kwicPlaceholder: "مثلًا: الشراكة",
  kwicSubmit: "اعرض",
  kwicCount: (n, word, more) =>
    more ? `أول ${num(n)} سياق لـ«${word}»، وفي المقالات المزيد.`
    : `${count(n, { zero: "لا سياقات", one: "سياق واحد", two: "سياقان", few: "# سياقات", other: "# سياقًا" })} لـ«${word}»`,
  kwicOpen: (title) => `افتح «${title}» عند هذا الموضع`,
  collocates: (word) => `كلمات تجاور «${word}» أكثر من المتوقّع:`,
  stats: (s) =>
    `${articles(s.documents)} · ${count(s.tokens, { few: "# كلمات", other: "# كلمة" })} · ` +
    `${count(s.vocabulary.normalized, { few: "# صيغ", other: "# صيغة" })} · ` +
    `${count(s.vocabulary.stem, { few: "# جذوع", many: "# جذعًا", other: "# جذع" })} · ` +
    `الفهرس ${num(Math.round(s.bytes.total / 1024))} ك.ب`,

  update: "صدرت نسخة أحدث من هذه الصفحة.",
  updateButton: "حدّث الآن",
  footer: "فهرس: مكتبة C++ وWebAssembly مفتوحة المصدر للبحث في النصوص العربية.",
};
