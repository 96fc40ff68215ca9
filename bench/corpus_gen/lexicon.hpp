// The generator's Arabic vocabulary: function words, frequent words, roots x patterns, names.
// SPDX-License-Identifier: MIT
#pragma once

// Lexemes are ranked 1..n by frequency; lexicon::at(rank) builds the lexeme of a rank from the
// rank alone (a hash), so the vocabulary is the same for every seed and never stored: a Zipf
// sampler over millions of ranks finds new words as the corpus grows (Heaps' law). The head is
// hand-picked real words; the tail is triliteral roots (real ones, then invented ones) poured
// into morphological patterns, plus transliterated foreign names, real and invented.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "random.hpp"
#include "vocabulary.hpp"

namespace fahras::bench {

enum class word_kind : std::uint8_t {
  noun,      // indefinite noun or adjective: takes ال and the noun clitics and suffixes
  definite,  // already carries ال: only و ب ل ف in front
  verb,      // verb clitics (و ف س ل) and subject/object suffixes
  name,      // proper name: rarely any clitic, may be several words
  fixed      // adverbs and the like: at most و in front
};

struct lexeme {
  std::string stem;
  word_kind kind = word_kind::noun;
};

/// Joins a suffix the way the script does: ة becomes ت before more letters (حكومة + ها ->
/// حكومتها), ة + ات -> ات (and ة + اتها -> اتها), and a second ة or nisba ending is dropped.
inline void attach_suffix(std::string& stem, std::string_view suffix) {
  constexpr std::string_view teh_marbuta = "ة";
  if (suffix.empty()) return;
  if (stem.size() >= teh_marbuta.size() &&
      std::string_view(stem).substr(stem.size() - teh_marbuta.size()) == teh_marbuta) {
    if (suffix == "ة" || suffix == "ي" || suffix == "ية") return;
    stem.erase(stem.size() - teh_marbuta.size());
    constexpr std::string_view feminine_plural = "ات";
    if (suffix.substr(0, feminine_plural.size()) != feminine_plural) stem += "ت";
  }
  stem += suffix;
}

/// Splits a space-separated list.
inline std::vector<std::string> split_words(std::string_view list) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && list[i] == ' ') ++i;
    std::size_t j = i;
    while (j < list.size() && list[j] != ' ') ++j;
    if (j > i) out.emplace_back(list.substr(i, j - i));
    i = j;
  }
  return out;
}

/// Splits "word:weight word:weight ..." into words and integer weights.
inline void split_weighted(std::string_view list, std::vector<std::string>& words,
                           std::vector<std::uint32_t>& weights) {
  for (const std::string& item : split_words(list)) {
    const std::size_t colon = item.rfind(':');
    words.push_back(item.substr(0, colon));
    weights.push_back(static_cast<std::uint32_t>(std::stoul(item.substr(colon + 1))));
  }
}

// Function words with weights in tokens per 100,000 tokens of news text (rounded from counts
// in Arabic newswire: about a quarter of running words are in this closed set).
inline constexpr std::string_view function_words_weighted =
    "في:3900 من:3300 على:2000 إلى:1500 أن:1300 عن:700 التي:800 الذي:600 مع:500 هذا:400 "
    "هذه:500 ما:500 لا:400 كان:350 بين:400 أو:300 إن:300 قد:300 وقد:250 كما:250 ذلك:300 "
    "بعد:300 خلال:250 حيث:200 لم:200 وفي:300 ومن:200 وأن:150 إلا:100 عند:100 منذ:120 "
    "حتى:120 كل:200 قبل:150 أكثر:100 أي:100 غير:100 ثم:80 لكن:80 ولكن:60 هو:150 هي:120 "
    "هناك:80 عليه:60 فيه:50 أنه:150 الذين:150 تلك:80 فقد:50 لن:50 سوف:30 عبر:80 ضد:70 "
    "نحو:60 دون:70 لدى:50 أمام:50 وفق:40 إذا:50 بل:50 كانت:200 وهو:80 وهي:60 أيضا:80 "
    "فيما:60 بينما:40 لها:60 له:80 به:40 عليها:40 منها:60 منه:40 وهذا:30 يكون:60 تكون:50 "
    "ليس:40 إنه:30 وكان:80 وإن:30 وعلى:120 وإلى:60 بأن:60 لأن:40 حول:90 إنها:20 أنها:60 "
    "هؤلاء:15 لقد:25 والتي:50 والذي:30 فإن:40 كذلك:30 ولا:50 وما:40 عام:150";

// Frequent content words, most frequent first; kind after the slash:
// n noun (indefinite), d definite (has ال), v verb, x fixed (adverb and the like).
inline constexpr std::string_view frequent_words =
    "قال/v الرئيس/d العام/d الحكومة/d الدولة/d اليوم/d العالم/d المتحدة/d الوزير/d وزير/n "
    "الأمن/d الحرب/d رئيس/n مجلس/n الخارجية/d العربية/d الدولي/d الأمريكية/d الروسية/d "
    "السياسية/d الاقتصادية/d العسكرية/d المنطقة/d البلاد/d الشعب/d القوات/d عدد/n أكد/v "
    "أشار/v أضاف/v أعلن/v مليون/n مليار/n دولار/n الأولى/d الثاني/d الجديد/d الجديدة/d "
    "الكبير/d الماضي/d المقبل/d الوطني/d العلاقات/d التعاون/d الاتفاق/d المفاوضات/d "
    "السلام/d الأزمة/d الوضع/d الجانب/d الطرفين/d الدول/d الأمم/d الولايات/d الشرق/d "
    "الأوسط/d الغرب/d الغربية/d الشمالية/d الجنوبية/d الصحة/d التعليم/d الاقتصاد/d النفط/d "
    "الطاقة/d السوق/d الأسعار/d البنك/d المركزي/d الشركة/d الشركات/d المشروع/d القطاع/d "
    "النمو/d التنمية/d الاستثمار/d السياحة/d الثقافة/d الرياضة/d المباراة/d الفريق/d "
    "المنتخب/d البطولة/d الدوري/d اللاعب/d الهدف/d المدرب/d الفوز/d الموسم/d الانتخابات/d "
    "البرلمان/d الحزب/d المعارضة/d القانون/d المحكمة/d الشرطة/d الجيش/d الهجوم/d القصف/d "
    "الضحايا/d المدنيين/d اللاجئين/d المساعدات/d الإنسانية/d الأطفال/d المرأة/d الشباب/d "
    "المجتمع/d الحياة/d الوقت/d المدينة/d العاصمة/d الحدود/d الأرض/d المياه/d المناخ/d "
    "البيئة/d التكنولوجيا/d الإنترنت/d الذكاء/d الاصطناعي/d وسائل/n الإعلام/d مصادر/n "
    "تقرير/n بيان/n مؤتمر/n صحفي/n زيارة/n لقاء/n اجتماع/n قمة/n الاتحاد/d الأوروبي/d "
    "الأفريقي/d حزب/n حركة/n منظمة/n وكالة/n الأنباء/d نقلا/x بحسب/x وفقا/x إطار/n "
    "مستوى/n نسبة/n المائة/d شهر/n يوم/n أسبوع/n سنوات/n عاما/x الساعة/d صباح/n مساء/n "
    "أمس/x غدا/x حاليا/x مؤخرا/x بشكل/x كبير/n خاص/n عدة/n بعض/n جميع/n أكبر/n أول/n آخر/n "
    "جديد/n مختلف/n يأتي/v تأتي/v يمكن/v أصبح/v أصبحت/v يجب/v تم/v يتم/v جاء/v جاءت/v "
    "أوضح/v أوضحت/v ذكرت/v كشفت/v أعلنت/v أكدت/v قالت/v وأضاف/v وأشار/v الإسرائيلي/d "
    "الفلسطيني/d السعودية/d المصرية/d التركية/d الإيرانية/d الصينية/d الأوكرانية/d "
    "الكورية/d النووية/d الصواريخ/d الأسلحة/d العقوبات/d الشراكة/d الاستراتيجية/d "
    "الإستراتيجية/d التحالف/d النظام/d القوى/d الأمريكي/d الروسي/d الصيني/d شمال/n جنوب/n "
    "شرق/n غرب/n وسط/n";

// Real places and people in the news (multi-word names are one lexeme with spaces).
inline constexpr std::string_view known_names =
    "روسيا|مصر|أوكرانيا|الصين|إيران|سوريا|لبنان|العراق|فلسطين|غزة|تركيا|السعودية|الأردن|"
    "اليمن|ليبيا|تونس|الجزائر|المغرب|السودان|قطر|الإمارات|الكويت|إسرائيل|اليابان|الهند|"
    "فرنسا|ألمانيا|بريطانيا|أمريكا|كوريا الشمالية|كوريا الجنوبية|موسكو|واشنطن|بكين|طوكيو|"
    "سيول|بيونغ يانغ|كييف|القاهرة|الرياض|دمشق|بغداد|طهران|أنقرة|برلين|باريس|لندن|نيويورك|"
    "بيروت|عمان|الدوحة|أبوظبي|دبي|الخرطوم|الجزائر العاصمة|الرباط|فلاديفوستوك|"
    "سانت بطرسبرغ|خاباروفسك|بوتين|بيسكوف|لافروف|شويغو|ميدفيديف|بيلوسوف|كيم جونغ أون|"
    "كيم يو جونغ|تشوي سون هوي|يون سوك يول|شي جين بينغ|ترامب|بايدن|هاريس|بلينكن|أوستن|"
    "زيلينسكي|ماكرون|شولتز|أردوغان|نتنياهو|غوتيريش|ستولتنبرغ|روته|بوريل|فون دير لاين|"
    "مودي|كيشيدا|لولا|السيسي|عباس|الأسد|حماس|الناتو|اليونسكو|أوبك|غوغل|تويتر|فيسبوك";

// About 360 roots common in news (a few quadriliteral), mostly sound (no weak radical) so that
// pattern substitution gives real-looking words.
inline constexpr std::string_view common_roots =
    "كتب درس علم عمل حكم سلم حرب نصر هزم فتح قتل جرح هجم دفع منع سمح طلب رفض قبل عقد "
    "نظم دعم مكن قدر سعر بيع تجر صنع زرع نفط سفر بحر ملك أمن خطر سلح قود نشر طبع صحف "
    "كشف ظهر شرح صرح علن خبر بحث فحص حلل نقد شرك جمع فرق قسم حسب كسب خسر ربح نفق صرف "
    "دخل خرج رجع وصل فصل قطع حمل نقل ركب سكن عمر حضر غيب شهد سجل كلف حرس حفظ ضبط قبض "
    "سجن حبس فرض رفع خفض نقص كثر عدل ظلم حرر عبر جرم عقب غرم حقق نفذ أثر ثبت غير بدل "
    "طور خطط شرط حدث نقش جدل برز صدر ورد نتج كمل تمم شمل فضل قرب بعد سرع بطء صعب سهل "
    "ضعف قوي عظم صغر كبر جلس مثل وكل رسل بلغ سرب خلف حلف وعد هدد حذر نذر صبر شكر حمد "
    "ذكر نسي فهم عرف جهل فكر شعر حسس رصد رقب نظر بصر سمع لمس ذوق ركز وزع نشط خمد سقط "
    "نهض صعد هبط نزل رحل هجر لجأ نزح سكت نطق لفظ كلم خطب حكي روي قصص نقل جدد قدم أخر "
    "سبق لحق تبع قرر حسم فصح غمض وضح بين دلل برهن أكد نفي كذب صدق خدع غشش زور سرق نهب "
    "غنم فقر غني ثرو كسد ركد زهر ذبل نمو ربو حصد بذر سقي روي جفف مطر ثلج برد سخن حرق "
    "طفء شعل ضوء نور ظلم صور رسم نحت لحن غني رقص مسرح عزف فنن أدب شعر نثر روي قصد "
    "هدف غرض نوي عزم همم رغب شوق حبب كره بغض غضب فرح حزن خوف رعب أمل يئس ثقف حضر "
    "مدن قري ريف سهل جبل صحر بحر نهر خلج جزر شطء مرفأ طرق سكك جسر نفق بنك صرف مول "
    "سهم سند ربح خسر ضرب رسم جمرك صدر ورد سوق تجر شحن نقل خزن وقد غزز نفط كهرب طاق "
    "شمس ريح مائ بخر لوث نظف صحح مرض علج طبب دوي جرح شفي وبأ لقح فحص خبر علم درس "
    "بحث جمع كلل دكتر هندس حسب برمج شبك رقم حوسب صنع زرع رعي صيد حصد خبز طبخ أكل شرب "
    "لبس سكن بني هدم رمم شيد عمر خطط نظم رتب صنف وزن كيل قيس عدد حصي أحص ضرب جمع طرح "
    "قسم نسب ربع خمس سدس ثلث نصف ضعف زيد نقص";

// Noun patterns: 1, 2, 3 (and 4) stand for the root letters; weights are rough shares.
inline constexpr std::string_view noun_patterns =
    "1ا23:10 م12و3:8 ت12ي3:8 است12ا3:5 12ا3ة:5 ا1ت2ا3:6 م1ا23ة:4 12ي3:7 أ123:5 123:10 "
    "12و3:3 م123:5 م123ة:3 12ا3:5 ت1ا23:4 ان12ا3:3 مت1ا23:2 مست123:3 م1ت23:3 إ12ا3:6 "
    "ت123:3 1ا2و3:1 م1ا2ي3:2 أ12ا3:6 م1ا23:3 12ي3ة:3 1ا23ة:3 م12و3ة:1";
inline constexpr std::string_view verb_patterns =
    "123:10 ي123:10 ت123:6 ن123:2 أ123:3 ا1ت23:3 است123:2 ت1ا23:2 ي1ت23:3 يست123:2 "
    "يت1ا23:2 1ا23:2 ي1ا23:2 ين123:1";
inline constexpr std::string_view quadriliteral_patterns = "1234:4 م1234:2 ت1234:2 ي1234:2 1234ة:2";

// Consonants for invented roots, weighted roughly like their share of radicals in real roots.
inline constexpr std::string_view root_consonants =
    "ب:8 ت:6 ث:2 ج:5 ح:7 خ:4 د:7 ذ:2 ر:10 ز:4 س:7 ش:5 ص:4 ض:3 ط:4 ظ:1 ع:8 غ:3 ف:7 ق:7 ك:5 "
    "ل:9 م:8 ن:8 ه:4";

// Pieces of invented foreign names.
inline constexpr std::string_view name_syllables =
    "كا را لي نو فو تي سا مي دو ري بو غا زي كو لا ني شي تا ما سو جو با دي في هو يا غو بي "
    "لو تو كي فا زا نا مو بار كار مار سان تور فان دان لين ران كين مين سون بيل فيل دور";
inline constexpr std::string_view name_endings =
    "وف:6 يف:4 سكي:5 سكا:2 يا:6 ستان:2 برغ:2 فيل:1 ينو:2 اني:2 يان:3 ون:3 يس:3 و:4 ا:3 ي:3 "
    "وفا:2 يتش:2 ز:2 ت:2";

// Outlets, with their house style: share of documents using Arabic-Indic digits and share of
// final ي written ى (Egyptian usage), in per mille.
struct outlet {
  const char* name;
  std::uint32_t indic_digits_per_mille;
  std::uint32_t final_yeh_as_alef_maksura_per_mille;
};
inline constexpr outlet outlets[] = {
    {"الجزيرة نت", 300, 0},   {"العربية نت", 400, 0},   {"سكاي نيوز عربية", 300, 0},
    {"الشرق الأوسط", 800, 0}, {"الأهرام", 600, 600},    {"المصري اليوم", 400, 700},
    {"الخليج", 700, 0},       {"القدس العربي", 100, 0}, {"النهار", 100, 0},
    {"الرأي", 500, 0},        {"هسبريس", 0, 0},         {"عنب بلدي", 50, 0},
    {"إرم نيوز", 200, 0},     {"الوطن", 700, 100}};

inline constexpr std::string_view gregorian_months =
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر";
inline constexpr std::string_view levantine_months =
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني "
    "كانون_الأول";

/// Builds the lexeme of each frequency rank, deterministically and lazily.
class lexicon {
 public:
  /// Ranks above this are computed on each call instead of cached.
  static constexpr std::uint64_t cached_ranks = 1u << 16;

  explicit lexicon(const vocabulary_profile& profile)
      : real_root_ranks_(profile.real_root_ranks),
        tail_real_root_per_mille_(profile.tail_real_root_per_mille) {
    for (const std::string& item : split_words(frequent_words)) {
      const std::size_t slash = item.find('/');
      lexeme word{item.substr(0, slash), word_kind::noun};
      switch (item[slash + 1]) {
        case 'd': word.kind = word_kind::definite; break;
        case 'v': word.kind = word_kind::verb; break;
        case 'x': word.kind = word_kind::fixed; break;
        default: break;
      }
      frequent_.push_back(std::move(word));
    }
    std::string name;
    for (const char c : known_names) {
      if (c == '|') {
        known_names_.push_back(name);
        name.clear();
      } else {
        name += c;
      }
    }
    known_names_.push_back(name);
    roots_ = split_words(common_roots);
    for (const std::string& root : roots_) {
      if (root.size() != 6 && root.size() != 8) {  // three or four 2-byte letters
        throw std::logic_error("lexicon: bad root '" + root + "'");
      }
    }
    load_choice(noun_patterns, noun_patterns_, noun_pattern_choice_);
    load_choice(verb_patterns, verb_patterns_, verb_pattern_choice_);
    load_choice(quadriliteral_patterns, quad_patterns_, quad_pattern_choice_);
    load_choice(root_consonants, consonants_, consonant_choice_);
    load_choice(name_endings, name_endings_, name_ending_choice_);
    syllables_ = split_words(name_syllables);
    cache_.resize(cached_ranks);
  }

  /// The lexeme of a rank >= 1. The reference stays valid until the next call.
  const lexeme& at(std::uint64_t rank) {
    if (rank < cached_ranks) {
      lexeme& slot = cache_[rank];
      if (slot.stem.empty()) slot = build(rank);
      return slot;
    }
    scratch_ = build(rank);
    return scratch_;
  }

 private:
  static void load_choice(std::string_view list, std::vector<std::string>& words,
                          weighted_choice& choice) {
    std::vector<std::uint32_t> weights;
    split_weighted(list, words, weights);
    choice = weighted_choice(weights);
  }

  lexeme build(std::uint64_t rank) const {
    if (rank <= frequent_.size()) return frequent_[rank - 1];
    rng local(mix64(rank ^ 0x6c65786963616cULL));
    const std::uint32_t kind = local.below(1000);
    if (kind < 70) return lexeme{name(rank, local), word_kind::name};
    // Frequent ranks draw on the real roots; the tail mixes in invented ones.
    const bool real_root = rank < real_root_ranks_ || local.chance(tail_real_root_per_mille_);
    std::string root;
    if (real_root) {
      root = roots_[local.below(static_cast<std::uint32_t>(roots_.size()))];
    } else {
      const int letters = local.chance(150) ? 4 : 3;
      std::string previous;
      for (int i = 0; i < letters; ++i) {
        std::string letter;
        do {
          letter = consonants_[consonant_choice_(local)];
        } while (letter == previous);  // no doubled adjacent radicals
        root += letter;
        previous = letter;
      }
    }
    const bool quad = root.size() == 8;  // four 2-byte letters
    const bool verb = !quad && local.chance(280);
    const std::string& pattern = quad   ? quad_patterns_[quad_pattern_choice_(local)]
                                 : verb ? verb_patterns_[verb_pattern_choice_(local)]
                                        : noun_patterns_[noun_pattern_choice_(local)];
    std::string stem;
    for (const char c : pattern) {
      if (c >= '1' && c <= '4') {
        stem.append(root, static_cast<std::size_t>(c - '1') * 2, 2);
      } else {
        stem += c;
      }
    }
    for (const std::string_view doubled : {"أأ", "أا"}) {  // hamza + alef is written آ
      const std::size_t at = stem.find(doubled);
      if (at != std::string::npos) stem.replace(at, doubled.size(), "آ");
    }
    if (!verb) {  // gender, number and nisba belong to the lexeme: مدرسة, مدرسي, مدرسية
      const std::uint32_t form = local.below(100);
      attach_suffix(stem, form < 55   ? ""
                          : form < 75 ? "ة"
                          : form < 82 ? "ات"
                          : form < 88 ? "ي"
                          : form < 96 ? "ية"
                                      : "ين");
    }
    return lexeme{stem, verb ? word_kind::verb : word_kind::noun};
  }

  std::string name(std::uint64_t rank, rng& local) const {
    if (rank < 30000 && local.chance(600)) {
      return known_names_[local.below(static_cast<std::uint32_t>(known_names_.size()))];
    }
    std::string out = invented_name(local);
    if (local.chance(250)) out += " " + invented_name(local);  // a person: first and last name
    return out;
  }

  std::string invented_name(rng& local) const {
    std::string out;
    const std::uint32_t syllables = local.between(1, 3);
    for (std::uint32_t i = 0; i < syllables; ++i) {
      out += syllables_[local.below(static_cast<std::uint32_t>(syllables_.size()))];
    }
    if (syllables == 1 || local.chance(700)) out += name_endings_[name_ending_choice_(local)];
    return out;
  }

  std::uint64_t real_root_ranks_;
  std::uint32_t tail_real_root_per_mille_;
  std::vector<lexeme> frequent_;
  std::vector<std::string> known_names_, roots_, syllables_;
  std::vector<std::string> noun_patterns_, verb_patterns_, quad_patterns_, consonants_,
      name_endings_;
  weighted_choice noun_pattern_choice_, verb_pattern_choice_, quad_pattern_choice_,
      consonant_choice_, name_ending_choice_;
  std::vector<lexeme> cache_;
  lexeme scratch_;
};

}  // namespace fahras::bench
