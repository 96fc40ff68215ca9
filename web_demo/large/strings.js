// The large-collection page's own strings (Arabic); the rest come from the demo's strings.js.
// SPDX-License-Identifier: MIT

import { T as demo, articles, count, num } from "../strings.js";

const files = (n) => count(n, { one: "ملف واحد", two: "ملفان", few: "# ملفات", many: "# ملفًا", other: "# ملف" });
const megabytes = (bytes) => new Intl.NumberFormat("ar", { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));

export const T = {
  ...demo,
  pageTitle: "فهرس: البحث في مجموعة كبيرة",
  tagline: "آلاف المقالات المولَّدة، يجلب المتصفّح من فهرسها ما يحتاجه كلّ بحث فقط",
  navArticles: "المقالات الخمس",
  navLarge: "مجموعة كبيرة",
  searchHeading: "البحث في المجموعة الكبيرة",
  searchLabel: "ابحث في المجموعة",
  searchPlaceholder: "مثلًا: وزير الخارجية",
  intro: "نصوص هذه المجموعة مولَّدة آليًّا لاختبار السرعة، فلا معنى لجملها. فهرسها مقسوم إلى ملفات صغيرة على الخادم، ويجلب البحث منها ما يلزمه فقط، في الخلفية دون أن يوقف الصفحة.",
  examples: ["الحكومة", "وزير الخارجية الروسي", "\"الرئيس الروسي\"", "اقتصاد -الصين", "الاستراتيج"],
  loading: "جارٍ تحميل محرّك البحث وجذر الفهرس…",
  ready: (s) => `جاهز: ${articles(s.documents)}.`,
  // The five articles' page keeps its timings out of sight; this page is about speed.
  took: (ms) => `في ${new Intl.NumberFormat("ar", { maximumFractionDigits: 1 }).format(ms)} ملّي ثانية`,
  exampleLabel: (q) => `ابحث عن ${q}`,

  offlineHeading: "البحث دون اتصال",
  offlineIntro: "نزّل المجموعة كلّها إلى هذا الجهاز ليعمل البحث دون اتصال بالشبكة.",
  offlineStart: "نزّل المجموعة",
  offlineResume: "تابع التنزيل",
  offlineStop: "أوقف التنزيل",
  offlineRemove: "احذف النسخة المحفوظة",
  offlineProgress: (p) => `نُزّل ${files(p.files)} من ${num(p.totalFiles)} (${megabytes(p.bytes)} م.ب)…`,
  offlineStopped: "توقّف التنزيل. ما نُزّل محفوظ، ويتابع التنزيل من حيث توقّف.",
  offlineDone: (p) => `المجموعة محفوظة على هذا الجهاز (${files(p.files)}، ${megabytes(p.bytes)} م.ب): البحث يعمل دون اتصال.`,
  offlineSaved: "المجموعة محفوظة على هذا الجهاز: البحث يعمل دون اتصال.",
  offlineError: (message) => `تعذّر التنزيل: ${message}`,
  offlineUnavailable: "لا يتيح هذا المتصفّح حفظ الملفات (يلزم اتصال آمن https).",
  footer: "البيانات مولَّدة بـ fahras-gen-corpus. " + demo.footer,
};
