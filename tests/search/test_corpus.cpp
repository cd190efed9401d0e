// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "test_corpus.h"

#include <filesystem>
#include <fstream>

#include "kavosh/index/index_writer.h"
#include "kavosh/index/record.h"

namespace kavosh::search::testing {

void build_database(const std::string& db, const std::vector<std::string>& records, const std::string& synonyms) {
  index::IndexOptions options;
  options.db_path = db;
  if (!synonyms.empty()) {
    options.synonyms_file = db + ".synonyms.tsv";
    std::ofstream(options.synonyms_file) << synonyms;
  }
  index::IndexWriter writer(options);
  for (const std::string& line : records) writer.add(index::parse_record(line));
  writer.commit();
}

const std::vector<std::string>& rule_records() {
  // One line per document; ids name the rule they serve. Dates ascend with the list where it matters.
  static const std::vector<std::string> records = {
      // Half-space: the three spellings of a bound suffix and of a two-word compound.
      R"({"id":"hs-zwnj","title":"خبر ستاد","body":"هماهنگی‌های ستاد انتخابات استان انجام شد","date":"1402/10/01","source":"ایرنا","category":"سیاسی","province":"تهران"})",
      R"({"id":"hs-space","title":"خبر ستاد","body":"هماهنگی های ستاد برگزاری انجام شد","date":"1402/10/02","source":"خبرگزاری مهر","category":"سیاسی","province":"اصفهان"})",
      R"({"id":"hs-none","title":"خبر ستاد","body":"هماهنگیهای لازم با فرمانداری انجام شد","date":"1402-10-03","source":"فارس","category":"اجتماعی","province":"فارس"})",
      R"({"id":"cp-zwnj","body":"نامزد جمهوری‌خواه در ایالت پیروز شد","date":"2023-01-01"})",
      R"({"id":"cp-space","body":"یک سناتور جمهوری خواه سخنرانی کرد","date":"2023-01-02"})",
      R"({"id":"cp-none","body":"حزب جمهوریخواه آمریکا بیانیه داد","date":"2023-01-03"})",
      // Arabic letters and Persian digits in the document, Persian letters and ASCII digits in queries.
      R"({"id":"arabic","body":"كانديداي رياست در انتخابات ۱۴۰۲ شركت كرد","date":"۱۴۰۲/۰۸/۰۱"})",
      // Over-stemming traps.
      R"({"id":"haram","body":"زائران حرم امام رضا"})",
      R"({"id":"hor","body":"سخنرانی درباره حر بن یزید ریاحی"})",
      R"({"id":"khobregan","body":"مجلس خبرگان رهبری تشکیل جلسه داد"})",
      R"({"id":"khabar","body":"این خبر در رسانه‌ها منتشر شد"})",
      // Exact form above stem-only.
      R"({"id":"eslah","body":"جریان اصلاح قانون انتخابات در مجلس مطرح شد"})",
      R"({"id":"eslahat","body":"جریان اصلاحات فهرست نامزدهای خود را اعلام کرد"})",
      // Phrases.
      R"({"id":"phrase-apart","body":"خبرگان حوزه گفتند که مجلس باید پاسخ دهد"})",
      // Title above body.
      R"({"id":"body-hit","title":"گزارش روز","body":"در این شهر مشارکت مردم بالا بود"})",
      R"({"id":"title-hit","title":"مشارکت مردم","body":"گزارشی از این شهر در روز رای"})",
      // All words first.
      R"({"id":"some-word","body":"صندوق صندوق صندوق صندوق صندوق"})",
      R"({"id":"all-words","body":"صندوق رای الکترونیکی در شهر"})",
      // Recency breaks ties.
      R"({"id":"tie-old","body":"آزمون برابری امتیاز","date":"1401/01/05"})",
      R"({"id":"tie-new","body":"آزمون برابری امتیاز","date":"1402/01/05"})",
      // Synonyms (rule_synonyms: نامزد = کاندیدا = داوطلب).
      R"({"id":"candida","body":"کاندیدا ثبت نام کرد"})",
      // Informal query words (analysis::InformalSpelling) find the written forms; a held word is kept.
      R"({"id":"informal-madda","body":"آهنگ تازه گروه موسیقی منتشر شد"})",
      R"({"id":"informal-verb","body":"کارشناسان می‌گویند بازار ارز آرام است"})",
      R"({"id":"informal-letter","body":"نامه فرماندار به استانداری رسید"})",
      // Loose readings (analysis::LooseReadings): a bare ی taken off or added, at a lower weight.
      R"({"id":"yeh-all","body":"کتابی درباره خاطرات جنگ منتشر شد"})",
      R"({"id":"yeh-base","body":"کتاب کتاب کتاب خاطرات خاطرات"})",
      R"({"id":"yeh-noun","body":"رقابت فهرست‌ها جدی شد"})",
      R"({"id":"yeh-adjective","body":"فضای رقابتی گرم شد"})",
      R"({"id":"yeh-name","body":"سخنرانی سلیمان در همایش"})",
  };
  return records;
}

const std::string& rule_synonyms() {
  static const std::string text = "نامزد\tکاندیدا\tداوطلب\n";
  return text;
}

std::vector<std::string> ids(const SearchResults& results) {
  std::vector<std::string> out;
  for (const Hit& hit : results.hits) out.push_back(hit.id);
  return out;
}

SearchResults run_query(const Searcher& searcher, const std::string& query, std::uint32_t limit) {
  SearchRequest request;
  request.query = query;
  request.limit = limit;
  return searcher.search(request);
}

}  // namespace kavosh::search::testing
