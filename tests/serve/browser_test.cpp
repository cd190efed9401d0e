// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The widget in headless Chromium over the bundled corpus: type a query spelled differently from the
// documents, check results, <mark> highlights, Persian dates, keyboard autocomplete, escaping, the facet
// panel, the search kept in the page URL (reload, Back, Forward), the meta line's bidi isolation, links of
// records without a URL, warnings, related articles under a hit, the pager under an estimated total and
// the layout at 1280 and 360 px; screenshots go to the build folder for a person to look at.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "serve_fixture.h"
#include "webdriver.h"

namespace kavosh::serve::testing {
namespace {

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr const char* kChromedriver = "/usr/bin/chromedriver";

// A record whose fields try to inject markup; the widget must show it as text.
constexpr const char* kHostileRecord =
    R"({"id":"hostile","title":"<img src=x onerror=\"window.pwned=1\">زنهار","body":"زنهار <script>window.pwned=1</script><b>درشت</b>","source":"<i>منبع</i>","url":"javascript:window.pwned=1","date":"1402/12/01"})";

// Records for the facet panel and the meta line (all about pistachios, a word the corpus lacks): a source
// written in Latin letters, a record without url, and a story published by two agencies.
constexpr const char* kLatinSourceRecord =
    R"({"id":"latin-source","title":"برداشت پسته در رفسنجان آغاز شد","body":"برداشت پسته از باغ‌های رفسنجان از امروز آغاز شد و کشاورزان پیش‌بینی می‌کنند محصول امسال بیشتر از سال گذشته باشد.","source":"IRNA English","url":"https://en.irna.ir/news/1","date":"1402/12/14","category":"اقتصادی","province":"کرمان","tags":["پسته","کشاورزی"]})";
constexpr const char* kNoUrlRecord =
    R"({"id":"پسته بی نشانی","title":"نرخ پسته در بازار تهران","body":"نرخ پسته در بازار تهران این هفته ثابت ماند و فروشندگان از رکود خرید پیش از نوروز گفتند.","source":"ایسنا","date":"1402/11/20","category":"اقتصادی","province":"تهران","tags":["پسته","بازار"]})";
constexpr const char* kStoryBody =
    "صادرات پسته ایران در ده ماه نخست امسال نسبت به مدت مشابه سال گذشته افزایش یافت. به گفتهٔ رئیس انجمن "
    "پسته، بیشترین خریداران پسته ایران کشورهای چین، آلمان، امارات، هند و روسیه بوده‌اند و کیفیت محصول "
    "امسال بازارهای تازه‌ای را در آسیای میانه گشوده است. او افزود که خشکسالی و سرمای بهاره بخشی از باغ‌های "
    "کرمان و یزد را آسیب زده اما برنامهٔ آبیاری نوین و بیمهٔ محصول زیان کشاورزان را کاهش داده است و "
    "پیش‌بینی می‌شود صادرات تا پایان سال به رکورد تازه‌ای برسد.";

std::string story_record(const std::string& id, const std::string& source) {
  return R"({"id":")" + id + R"(","title":"افزایش صادرات پسته ایران","body":")" + kStoryBody + R"(","source":")" +
         source + R"(","url":"https://example.ir/news/)" + id +
         R"(","date":"1402/12/10","category":"اقتصادی","tags":["پسته","صادرات"]})";
}

void save(const std::string& name, const std::string& png) {
  const std::string path = std::string(KAVOSH_BINARY_DIR) + "/" + name;
  std::ofstream(path, std::ios::binary) << png;
  std::printf("screenshot: %s (%zu bytes)\n", path.c_str(), png.size());
}

std::string texts(const std::string& css) {
  return "return Array.from(document.querySelectorAll('" + css + "')).map(e => e.textContent);";
}

/// A script making the page's fetch() rewrite every /api/search answer with `fields` (a JavaScript object
/// literal assigned over the server's JSON), to show the widget answers the server does not give here.
std::string rewrite_search_answers(const std::string& fields) {
  return R"(
    window.realFetch = window.fetch;
    window.fetch = (url, ...rest) => window.realFetch(url, ...rest).then(res => {
      if (!String(url).includes('/api/search')) return res;
      return res.json().then(body => {
        Object.assign(body, )" +
         fields + R"();
        return new Response(JSON.stringify(body), {status: res.status, headers: {'Content-Type': 'application/json'}});
      });
    });)";
}

class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kChromium) || !std::filesystem::exists(kChromedriver)) {
      GTEST_SKIP() << "chromium or chromedriver not installed (scripts/setup.sh installs both)";
    }
    std::vector<std::string> records = corpus_records();
    records.push_back(kHostileRecord);
    records.push_back(kLatinSourceRecord);
    records.push_back(kNoUrlRecord);
    records.push_back(story_record("story-irna", "ایرنا"));
    records.push_back(story_record("story-mehr", "مهر"));
    search::testing::build_database(dir_.path() + "/db", records);
    Options options;
    options.db = dir_.path() + "/db";
    options.threads = 2;
    server_ = std::make_unique<RunningServer>(options);
    std::filesystem::create_directories(dir_.path() + "/profile");
    browser_ = std::make_unique<WebDriver>(kChromedriver, kChromium, dir_.path() + "/profile");
    browser_->navigate(server_->base_url() + "/");
    ASSERT_TRUE(browser_->wait_for("return document.querySelector('.kavosh-input') !== null;"));
    input_ = browser_->find_all(".kavosh-input").at(0);
  }

  /// Types `query`, presses Enter and waits for the widget to finish.
  void search(const std::string& query) {
    browser_->clear(input_);
    browser_->send_keys(input_, query + kKeyEnter);
    ASSERT_TRUE(
        browser_->wait_for("const s = document.querySelector('.kavosh-status').textContent;"
                           "return !document.querySelector('.kavosh').parentElement.hasAttribute('aria-busy') &&"
                           " s !== '' && s !== 'در حال جستجو…';"));
  }

  /// Waits until the widget is idle and `condition` (a JS expression) holds.
  bool wait_idle(const std::string& condition) {
    return browser_->wait_for("return !document.querySelector('.kavosh').parentElement.hasAttribute('aria-busy') && (" +
                              condition + ");");
  }

  /// The titles of the hits shown.
  nlohmann::json titles() { return browser_->execute(texts(".kavosh-title")); }

  /// A JS expression: whether the titles shown are `expected`.
  static std::string titles_are(const nlohmann::json& expected) {
    return "JSON.stringify(Array.from(document.querySelectorAll('.kavosh-title')).map(e => e.textContent)) === "
           "JSON.stringify(" +
           expected.dump() + ")";
  }

  /// Clicks the value of a facet (by the facet's title) whose label is `label`, or the first one.
  void click_facet(const std::string& facet, const std::string& label = "") {
    browser_->execute(kFacetValues + "values('" + facet + "').find(b => " +
                      (label.empty() ? "true" : "b.querySelector('bdi').textContent === '" + label + "'") +
                      ").click();");
  }

  // `values(title)`: the value buttons of the facet with that title.
  static inline const std::string kFacetValues =
      "const values = t => Array.from(Array.from(document.querySelectorAll('.kavosh-facet'))"
      ".find(s => s.querySelector('h3').textContent === t).querySelectorAll('button'));";

  search::testing::TempDir dir_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<WebDriver> browser_;
  std::string input_;
};

TEST_F(BrowserTest, FindsAndHighlightsAQuerySpelledDifferently) {
  // Joined ثبتنام (documents: ثبت‌نام with a half-space) and Arabic yeh in رهبري (documents: رهبری).
  search("ثبتنام داوطلبان خبرگان رهبري");
  EXPECT_GE(browser_->find_all(".kavosh-hit").size(), 5u);
  const auto marks = browser_->execute(texts(".kavosh-snippet mark"));
  ASSERT_FALSE(marks.empty());
  const std::string all = marks.dump();
  EXPECT_NE(all.find("ثبت\u200cنام"), std::string::npos) << all;
  EXPECT_NE(all.find("رهبری"), std::string::npos) << all;
  // Dates in Jalali with Persian digits and month names; the count in Persian digits.
  const auto dates = browser_->execute(texts(".kavosh-hit time"));
  ASSERT_FALSE(dates.empty());
  EXPECT_TRUE(std::regex_search(
      dates[0].get<std::string>(),
      std::regex("[۰-۹]+ (مهر|آبان|آذر|دی|بهمن|اسفند|فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور) ۱۴۰[۰-۹]")))
      << dates.dump();
  EXPECT_NE(browser_->execute("return document.querySelector('.kavosh-status').textContent;")
                .get<std::string>()
                .find("نتیجه"),
            std::string::npos);
  EXPECT_EQ(browser_->execute("return getComputedStyle(document.querySelector('.kavosh')).direction;"), "rtl");
  save("serve-widget-desktop.png", browser_->screenshot_png());
}

TEST_F(BrowserTest, SaysWhatAnInformalWordWasSearchedAs) {
  search("شمارش ارا");  // madda left out: the corpus writes آرا
  EXPECT_GE(browser_->find_all(".kavosh-hit").size(), 5u);
  EXPECT_EQ(browser_->execute(texts(".kavosh-reading")),
            nlohmann::json::parse(R"([" «ارا» به صورت «آرا» هم جستجو شد."])"));
}

TEST_F(BrowserTest, PaginatesAndFiltersBySource) {
  search("انتخابات");
  ASSERT_EQ(browser_->find_all(".kavosh-hit").size(), 10u);
  browser_->execute("document.querySelectorAll('.kavosh-page')[2].click();");  // [previous, 1, 2, …]
  ASSERT_TRUE(browser_->wait_for("return document.querySelector('.kavosh-results').getAttribute('start') === '11';"));
  browser_->execute("const s = document.querySelector('.kavosh-source'); s.value = 'ایسنا';"
                    "s.dispatchEvent(new Event('change'));");
  ASSERT_TRUE(browser_->wait_for("const n = Array.from(document.querySelectorAll('.kavosh-source-name'));"
                                 "return n.length > 0 && n.every(e => e.textContent === 'ایسنا');"));
}

TEST_F(BrowserTest, AutocompleteWithTheKeyboard) {
  browser_->clear(input_);
  browser_->send_keys(input_, "انتخا");
  ASSERT_TRUE(browser_->wait_for("return document.querySelectorAll('.kavosh-suggestions [role=option]').length > 0;"));
  EXPECT_EQ(browser_->execute("return document.querySelector('.kavosh-input').getAttribute('aria-expanded');"), "true");
  browser_->send_keys(input_, kKeyArrowDown);
  const auto first =
      browser_->execute("return document.querySelector('[role=option][aria-selected=true]').textContent;");
  EXPECT_EQ(browser_->execute("return document.querySelector('.kavosh-input').getAttribute('aria-activedescendant');"),
            browser_->execute("return document.querySelector('[role=option][aria-selected=true]').id;"));
  browser_->send_keys(input_, kKeyEnter);  // takes the completion and searches
  ASSERT_TRUE(browser_->wait_for("return document.querySelectorAll('.kavosh-hit').length > 0;"));
  EXPECT_EQ(browser_->execute("return document.querySelector('.kavosh-input').value;"), first);
  browser_->send_keys(input_, " ");
  browser_->send_keys(input_, "م");
  if (browser_->wait_for("return !document.querySelector('.kavosh-suggestions').hidden;", 3)) {
    browser_->send_keys(input_, kKeyEscape);
    EXPECT_TRUE(browser_->wait_for("return document.querySelector('.kavosh-suggestions').hidden;", 2));
    // Closed for good: completions asked for before Esc, answered after it, do not reopen the list.
    EXPECT_FALSE(browser_->wait_for("return !document.querySelector('.kavosh-suggestions').hidden;", 1));
  }
}

TEST_F(BrowserTest, RendersHostileRecordsAsText) {
  search("زنهار");
  ASSERT_EQ(browser_->find_all(".kavosh-hit").size(), 1u);
  EXPECT_TRUE(browser_->execute("return window.pwned === undefined;").get<bool>());
  EXPECT_TRUE(
      browser_->find_all(".kavosh-results img, .kavosh-results script, .kavosh-results b, .kavosh-results i").empty());
  EXPECT_NE(
      browser_->execute("return document.querySelector('.kavosh-title').textContent;").get<std::string>().find("<img"),
      std::string::npos);
  // A javascript: url never becomes a link target.
  EXPECT_EQ(browser_->execute("return document.querySelector('.kavosh-title a').href.startsWith('http');"), true);
}

TEST_F(BrowserTest, UsableAt360Pixels) {
  browser_->set_window_size(360, 800);
  search("ثبتنام داوطلبان");
  const auto width = browser_->execute("return [window.innerWidth, document.documentElement.scrollWidth];");
  EXPECT_LE(width[1].get<int>(), width[0].get<int>()) << "horizontal scrolling at " << width.dump();
  save("serve-widget-360px.png", browser_->screenshot_png());
}

TEST_F(BrowserTest, FacetPanelFiltersByAValueAndRemovesIt) {
  search("انتخابات");
  ASSERT_TRUE(browser_->wait_for("return !document.querySelector('.kavosh-facets').hidden;"));
  // Each facet's counts in Persian digits, most frequent first.
  const auto counts = browser_->execute(
      "return Array.from(document.querySelectorAll('.kavosh-facet')).map(s => [s.querySelector('h3').textContent,"
      " Array.from(s.querySelectorAll('button')).map(b => b.lastChild.textContent)]);");
  ASSERT_GE(counts.size(), 4u) << counts.dump();
  const auto number = [](const std::string& persian) {
    int value = 0;
    for (std::size_t i = 0; i + 1 < persian.size(); i += 2) value = value * 10 + (persian[i + 1] - '\xB0');
    return value;
  };
  for (const auto& facet : counts) {
    int previous = 1 << 30;
    for (const auto& count : facet[1]) {
      const std::string text = count.get<std::string>();
      ASSERT_TRUE(std::regex_match(text, std::regex("([۰-۹])+"))) << facet.dump();
      EXPECT_LE(number(text), previous) << facet.dump();
      previous = number(text);
    }
  }
  // Months by their Jalali names.
  const auto months =
      browser_->execute(kFacetValues + "return values('ماه').map(b => b.querySelector('bdi').textContent);");
  ASSERT_FALSE(months.empty());
  for (const auto& month : months) {
    EXPECT_TRUE(
        std::regex_match(month.get<std::string>(),
                         std::regex("(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) ([۰-۹])+")))
        << months.dump();
  }
  // The most frequent source filters the results, and its value shows as chosen.
  const auto before = titles();
  const auto source =
      browser_->execute(kFacetValues + "return values('منبع')[0].querySelector('bdi').textContent;").get<std::string>();
  click_facet("منبع", source);
  const std::string only_source = "Array.from(document.querySelectorAll('.kavosh-source-name'))"
                                  ".every(e => e.textContent === '" +
                                  source + "')";
  ASSERT_TRUE(wait_idle(only_source + " && document.querySelectorAll('.kavosh-hit').length > 0"));
  EXPECT_NE(titles(), before);
  EXPECT_EQ(browser_->execute(kFacetValues + "return values('منبع').filter(b => b.getAttribute('aria-pressed') === "
                                             "'true').map(b => b.querySelector('bdi').textContent);"),
            nlohmann::json::array({source}));
  // The filter stays on the next page.
  browser_->execute("document.querySelectorAll('.kavosh-page')[2].click();");
  ASSERT_TRUE(wait_idle("document.querySelector('.kavosh-results').getAttribute('start') === '11'"));
  EXPECT_TRUE(browser_->execute("return " + only_source + ";").get<bool>());
  // A second click removes it: other sources come back.
  click_facet("منبع", source);
  ASSERT_TRUE(wait_idle("!(" + only_source + ")"));
  EXPECT_EQ(
      browser_->execute(kFacetValues + "return values('منبع').some(b => b.getAttribute('aria-pressed') === 'true');"),
      false);
  EXPECT_EQ(titles(), before);
}

TEST_F(BrowserTest, TheCopiesLinkListsEveryCopyWhateverTheFilters) {
  search("صادرات پسته");
  click_facet("منبع", "ایرنا");
  ASSERT_TRUE(wait_idle("Array.from(document.querySelectorAll('.kavosh-source-name')).every(e => e.textContent === "
                        "'ایرنا') && document.querySelectorAll('.kavosh-copies').length === 1"));
  browser_->execute("document.querySelector('.kavosh-copies').click();");
  ASSERT_TRUE(wait_idle("document.querySelectorAll('.kavosh-hit').length === 2"));
  auto sources = browser_->execute(texts(".kavosh-source-name"));
  std::sort(sources.begin(), sources.end());
  EXPECT_EQ(sources, nlohmann::json::parse(R"(["ایرنا", "مهر"])"));
  EXPECT_TRUE(browser_->find_all(".kavosh-facet-value[aria-pressed=true]").empty());
}

TEST_F(BrowserTest, TheAddressBarHoldsTheSearch) {
  search("انتخابات");
  const std::string param = "new URL(location.href).searchParams.";
  EXPECT_EQ(browser_->execute("return " + param + "get('q');"), "انتخابات");
  click_facet("منبع");
  ASSERT_TRUE(wait_idle(param + "has('source')"));
  browser_->execute("document.querySelectorAll('.kavosh-page')[2].click();");
  ASSERT_TRUE(wait_idle("document.querySelector('.kavosh-results').getAttribute('start') === '11'"));
  const auto state =
      browser_->execute("return [" + param + "get('q'), " + param + "get('page'), " + param + "getAll('source')];");
  EXPECT_EQ(state[0], "انتخابات");
  EXPECT_EQ(state[1], "2");
  ASSERT_EQ(state[2].size(), 1u);
  const auto shown = titles();
  ASSERT_FALSE(shown.empty());
  // Opening the URL afresh shows the same page of the same results, with the same value chosen.
  const auto url = browser_->execute("return location.href;").get<std::string>();
  browser_->execute("window.before = true;");
  browser_->navigate(url);
  ASSERT_TRUE(wait_idle("window.before === undefined && document.querySelectorAll('.kavosh-hit').length > 0"));
  EXPECT_EQ(titles(), shown);
  EXPECT_EQ(browser_->execute("return document.querySelector('.kavosh-input').value;"), "انتخابات");
  EXPECT_EQ(browser_->execute("return document.querySelector('.kavosh-results').getAttribute('start');"), "11");
  EXPECT_EQ(browser_->execute(kFacetValues + "return values('منبع').filter(b => b.getAttribute('aria-pressed') === "
                                             "'true').map(b => b.querySelector('bdi').textContent);"),
            state[2]);
}

TEST_F(BrowserTest, BackAndForwardReturnToEarlierSearches) {
  search("انتخابات");
  const auto first = titles();
  search("ثبتنام داوطلبان");
  const auto second = titles();
  ASSERT_NE(first, second);
  browser_->execute("history.back();");
  ASSERT_TRUE(wait_idle(titles_are(first))) << titles().dump();
  EXPECT_EQ(browser_->execute("return document.querySelector('.kavosh-input').value;"), "انتخابات");
  browser_->execute("history.forward();");
  ASSERT_TRUE(wait_idle(titles_are(second))) << titles().dump();
  EXPECT_EQ(browser_->execute("return document.querySelector('.kavosh-input').value;"), "ثبتنام داوطلبان");
  // Back to the page as it was before the first search: no results.
  browser_->execute("history.go(-2);");
  ASSERT_TRUE(wait_idle("document.querySelector('.kavosh-input').value === ''"));
  EXPECT_TRUE(browser_->find_all(".kavosh-hit").empty());
  EXPECT_TRUE(browser_->execute("return document.querySelector('.kavosh-facets').hidden;").get<bool>());
}

TEST_F(BrowserTest, ALatinSourceNameLeavesTheDateInOrder) {
  search("برداشت پسته رفسنجان");
  const auto meta = browser_->execute(R"(
    const hit = Array.from(document.querySelectorAll('.kavosh-hit'))
        .find(h => h.querySelector('.kavosh-meta').textContent.includes('IRNA English'));
    const source = Array.from(hit.querySelectorAll('.kavosh-meta *')).find(e => e.textContent === 'IRNA English');
    const time = hit.querySelector('time');
    const text = time.firstChild;
    const rect = (from, to) => {
      const range = document.createRange();
      range.setStart(text, from);
      range.setEnd(text, to);
      return range.getBoundingClientRect();
    };
    const day = rect(0, text.data.indexOf(' ')), year = rect(text.data.lastIndexOf(' ') + 1, text.data.length);
    return {text: hit.querySelector('.kavosh-meta').textContent, date: time.textContent,
            isolated: [source, time].map(e => getComputedStyle(e).unicodeBidi),
            sourceLeft: source.getBoundingClientRect().left, timeRight: time.getBoundingClientRect().right,
            dayLeft: day.left, yearRight: year.right};)");
  EXPECT_EQ(meta["date"], "۱۴ اسفند ۱۴۰۲");
  EXPECT_EQ(meta["isolated"], nlohmann::json::parse(R"(["isolate", "isolate"])"));
  const auto text = meta["text"].get<std::string>();
  EXPECT_LT(text.find("IRNA English"), text.find("۱۴ اسفند ۱۴۰۲")) << text;
  // Right to left: the source first (rightmost), then the date, whose day stays right of its year.
  EXPECT_GE(meta["sourceLeft"].get<double>(), meta["timeRight"].get<double>()) << meta.dump();
  EXPECT_GT(meta["dayLeft"].get<double>(), meta["yearRight"].get<double>()) << meta.dump();
}

TEST_F(BrowserTest, AHitWithoutUrlOpensItsRecord) {
  search("نرخ پسته بازار");
  const auto link = browser_->execute(R"(
    const a = Array.from(document.querySelectorAll('.kavosh-title a')).find(a => a.textContent === 'نرخ پسته در بازار تهران');
    return [a.href, location.href];)");
  const auto href = link[0].get<std::string>();
  EXPECT_NE(href, link[1].get<std::string>());
  EXPECT_NE(href.find("/api/doc/" + url_encode("پسته") + "%20"), std::string::npos) << href;
  // The link opens the record.
  EXPECT_EQ(browser_->execute("return fetch('" + href + "').then(r => r.json()).then(j => j.id);"), "پسته بی نشانی");
}

TEST_F(BrowserTest, ShowsTheSearchWarnings) {
  search("tags:پسته صادرات");  // `tags:` is no field (`tag:` is): searched as words, with a warning
  ASSERT_GE(browser_->find_all(".kavosh-hit").size(), 1u);
  const auto warnings = browser_->execute(R"(
    return Array.from(document.querySelectorAll('.kavosh-warning'))
        .filter(e => e.getBoundingClientRect().height > 0).map(e => e.textContent);)");
  ASSERT_EQ(warnings.size(), 1u) << warnings.dump();
  const auto warning = warnings[0].get<std::string>();
  EXPECT_NE(warning.find("tags"), std::string::npos) << warning;
  EXPECT_NE(warning.find("شناخته نشد"), std::string::npos) << warning;
}

TEST_F(BrowserTest, SaysWhenPartOfTheResultsIsMissing) {
  // A cluster with a shard down answers `partial`: the page rewrites the server's answers into one.
  browser_->execute(rewrite_search_answers("{partial: true, failed_shards: [1]}"));
  const std::string shown = R"(
    return Array.from(document.querySelectorAll('.kavosh-partial'))
        .filter(e => e.getBoundingClientRect().height > 0).map(e => e.textContent);)";
  search("انتخابات");
  ASSERT_EQ(browser_->find_all(".kavosh-hit").size(), 10u);
  EXPECT_EQ(
      browser_->execute(shown),
      nlohmann::json::array(
          {"بخشی از نتایج در دسترس نیست؛ نتایج بخش‌های دیگر نمایش داده شد."}));
  browser_->execute("window.fetch = window.realFetch;");
  search("مجلس");
  EXPECT_EQ(browser_->execute(shown), nlohmann::json::array());
}

/// A JS expression: the element matching `css` in the hit titled `title` (null when none).
std::string in_hit(const std::string& title, const std::string& css) {
  return "(() => { const hit = Array.from(document.querySelectorAll('.kavosh-hit')).find(h => "
         "h.querySelector('.kavosh-title').textContent === '" +
         title + "'); return hit && hit.querySelector('" + css + "'); })()";
}

/// A JS expression: the related panel under the hit titled `title`.
std::string related_panel(const std::string& title) { return in_hit(title, ".kavosh-related"); }

/// A JS statement clicking the related button of the hit titled `title`.
std::string click_related(const std::string& title) {
  return "Array.from(document.querySelectorAll('.kavosh-hit')).find(h => h.querySelector('.kavosh-title')"
         ".textContent === '" +
         title + "').querySelector('.kavosh-related-toggle').click();";
}

TEST_F(BrowserTest, RelatedArticlesOpenUnderAHitAndClose) {
  const std::string title = "برداشت پسته در رفسنجان آغاز شد";
  search("برداشت پسته رفسنجان");
  const std::string panel = related_panel(title);
  const std::string toggle = in_hit(title, ".kavosh-related-toggle");
  ASSERT_TRUE(browser_->execute("return " + toggle + " !== null && " + panel + " !== null;").get<bool>())
      << "no related button under the hit";
  ASSERT_EQ(browser_->execute("return " + toggle + ".textContent;"), "خبرهای مرتبط");
  EXPECT_EQ(browser_->execute("return " + toggle + ".getAttribute('aria-controls');"),
            browser_->execute("return " + panel + ".id;"));
  EXPECT_EQ(browser_->execute("return " + toggle + ".getAttribute('aria-expanded');"), "false");
  EXPECT_EQ(browser_->execute("return " + panel + ".getBoundingClientRect().height;"), 0);
  browser_->execute(click_related(title));
  ASSERT_TRUE(wait_idle(panel + ".querySelectorAll('li a').length > 0"));
  EXPECT_EQ(browser_->execute("return " + toggle + ".getAttribute('aria-expanded');"), "true");
  const auto items = browser_->execute("return Array.from(" + panel + R"(.querySelectorAll('li')).map(li => ({
      title: li.querySelector('a').textContent, href: li.querySelector('a').href,
      source: (li.querySelector('.kavosh-source-name') || {}).textContent,
      date: (li.querySelector('time') || {}).textContent,
      isolated: Array.from(li.querySelectorAll('.kavosh-meta > :not(.kavosh-sep)'))
          .every(e => getComputedStyle(e).unicodeBidi === 'isolate'),
      below: li.getBoundingClientRect().top >
             li.closest('.kavosh-hit').querySelector('.kavosh-snippet').getBoundingClientRect().bottom}));)");
  ASSERT_GE(items.size(), 2u) << items.dump();
  EXPECT_LE(items.size(), 5u) << items.dump();
  bool no_url = false;
  bool with_url = false;
  for (const auto& item : items) {
    // Never the hit itself, and each item below it with a meta line of isolates.
    EXPECT_NE(item["title"], title) << items.dump();
    EXPECT_NE(item["href"], "https://en.irna.ir/news/1") << items.dump();
    EXPECT_TRUE(item["isolated"].get<bool>()) << items.dump();
    EXPECT_TRUE(item["below"].get<bool>()) << items.dump();
    EXPECT_TRUE(item["source"].is_string()) << items.dump();
    if (item["title"] == "نرخ پسته در بازار تهران") {  // no url: its record
      no_url = true;
      EXPECT_EQ(item["href"], server_->base_url() + "/api/doc/" + url_encode("پسته") + "%20" + url_encode("بی") +
                                  "%20" + url_encode("نشانی"))
          << items.dump();
      EXPECT_EQ(item["source"], "ایسنا");
      EXPECT_EQ(item["date"], "۲۰ بهمن ۱۴۰۲");
    } else if (item["title"] == "افزایش صادرات پسته ایران") {  // its url
      with_url = true;
      EXPECT_TRUE(
          std::regex_match(item["href"].get<std::string>(), std::regex("https://example\\.ir/news/story-(irna|mehr)")))
          << items.dump();
      EXPECT_EQ(item["date"], "۱۰ اسفند ۱۴۰۲");
    }
  }
  EXPECT_TRUE(no_url) << items.dump();
  EXPECT_TRUE(with_url) << items.dump();
  save("serve-widget-related.png", browser_->screenshot_png());
  // The record link opens the record.
  for (const auto& item : items) {
    if (item["title"] != "نرخ پسته در بازار تهران") continue;
    EXPECT_EQ(browser_->execute("return fetch('" + item["href"].get<std::string>() +
                                "').then(r => r.json()).then(j => j.id);"),
              "پسته بی نشانی");
  }
  // A second click hides the list; a third shows it again.
  browser_->execute(click_related(title));
  EXPECT_EQ(browser_->execute("return " + toggle + ".getAttribute('aria-expanded');"), "false");
  EXPECT_EQ(browser_->execute("return " + panel + ".getBoundingClientRect().height;"), 0);
  browser_->execute(click_related(title));
  EXPECT_EQ(browser_->execute("return " + toggle + ".getAttribute('aria-expanded');"), "true");
  EXPECT_EQ(browser_->execute("return " + panel + ".querySelectorAll('li').length;"), items.size());
  EXPECT_GT(browser_->execute("return " + panel + ".getBoundingClientRect().height;").get<double>(), 0);
}

TEST_F(BrowserTest, RelatedArticlesSayWhenThereAreNoneOrTheyFail) {
  // The hostile record's words are in no other record: nothing related, and its fields stay text.
  search("زنهار");
  ASSERT_EQ(browser_->find_all(".kavosh-related-toggle").size(), 1u);
  browser_->execute(click_related("<img src=x onerror=\"window.pwned=1\">زنهار"));
  const std::string panel = related_panel("<img src=x onerror=\"window.pwned=1\">زنهار");
  ASSERT_TRUE(wait_idle(panel + ".textContent === 'خبر مرتبطی یافت نشد.'"))
      << browser_->execute("return " + panel + ".textContent;");
  EXPECT_TRUE(browser_->execute("return window.pwned === undefined;").get<bool>());
  // A failed request: an error line, and opening the panel again asks again.
  search("برداشت پسته رفسنجان");
  browser_->execute(
      "window.realFetch = window.fetch; window.fetch = (url, ...rest) => String(url).includes('/api/related/') ?"
      " Promise.reject(new TypeError('offline')) : window.realFetch(url, ...rest);");
  const std::string title = "برداشت پسته در رفسنجان آغاز شد";
  browser_->execute(click_related(title));
  ASSERT_TRUE(wait_idle(related_panel(title) + ".querySelector('.kavosh-related-error') !== null"));
  EXPECT_TRUE(browser_->find_all(".kavosh-related li").empty());
  browser_->execute("window.fetch = window.realFetch;");
  browser_->execute(click_related(title));  // closes
  browser_->execute(click_related(title));  // opens and asks again
  ASSERT_TRUE(wait_idle(related_panel(title) + ".querySelectorAll('li a').length > 0"));
  EXPECT_TRUE(browser_->find_all(".kavosh-related-error").empty());
}

TEST_F(BrowserTest, AnEstimatedTotalOffersOnlyPagesThatExist) {
  // The server counts exactly here, so the page rewrites its answers into an estimate above the matches
  // there are: "about 500", of which only window.lower are certain.
  browser_->execute(
      rewrite_search_answers("{total: 500, total_is_estimate: true, total_lower: window.lower, total_upper: 900}"));
  const std::string pager = "return Array.from(document.querySelectorAll('.kavosh-page')).filter(b => !b.disabled)"
                            ".map(b => b.textContent);";
  browser_->execute("window.lower = 10;");  // no more than this page is certain
  search("انتخابات");
  ASSERT_EQ(browser_->find_all(".kavosh-hit").size(), 10u);
  EXPECT_NE(
      browser_->execute("return document.querySelector('.kavosh-status').textContent;").get<std::string>().find("حدود"),
      std::string::npos);
  EXPECT_EQ(browser_->execute(pager), nlohmann::json::array());
  browser_->execute("window.lower = 25;");  // the server vouches for three pages
  search("انتخابات");
  ASSERT_EQ(browser_->find_all(".kavosh-hit").size(), 10u);
  EXPECT_EQ(browser_->execute(pager), nlohmann::json::parse(R"(["۱", "۲", "۳", "بعدی"])"));
}

TEST_F(BrowserTest, FacetPanelBesideTheResultsAndFoldedAbove) {
  browser_->set_window_size(1280, 900);
  search("پسته");
  ASSERT_TRUE(browser_->wait_for("return !document.querySelector('.kavosh-facets').hidden;"));
  // A story published twice shows once, with the other agency named.
  EXPECT_EQ(browser_->execute(texts(".kavosh-copies")), nlohmann::json::parse(R"(["+۱ خبرگزاری دیگر"])"));
  const std::string rects =
      "const r = s => document.querySelector(s).getBoundingClientRect();"
      "const panel = r('.kavosh-facets'), results = r('.kavosh-results'), value = r('.kavosh-facet-value');"
      "return {panelLeft: panel.left, panelRight: panel.right, panelBottom: panel.bottom, resultsLeft: results.left,"
      " resultsTop: results.top, valueHeight: value.height, width: window.innerWidth,"
      " scrollWidth: document.documentElement.scrollWidth};";
  auto wide = browser_->execute(rects);
  // Right to left: the results on the right, the panel beside them on the left.
  EXPECT_LE(wide["panelRight"].get<double>(), wide["resultsLeft"].get<double>()) << wide.dump();
  EXPECT_GT(wide["valueHeight"].get<double>(), 0) << wide.dump();
  EXPECT_LE(wide["scrollWidth"].get<int>(), wide["width"].get<int>()) << wide.dump();
  save("serve-widget-facets-1280px.png", browser_->screenshot_png());

  browser_->set_window_size(360, 800);
  ASSERT_TRUE(browser_->wait_for("return window.innerWidth < 400;"));
  auto narrow = browser_->execute(rects);
  EXPECT_LE(narrow["scrollWidth"].get<int>(), narrow["width"].get<int>()) << narrow.dump();
  EXPECT_LE(narrow["panelBottom"].get<double>(), narrow["resultsTop"].get<double>()) << narrow.dump();
  EXPECT_EQ(narrow["valueHeight"].get<double>(), 0) << "folded at 360 px: " << narrow.dump();
  save("serve-widget-facets-360px.png", browser_->screenshot_png());
  browser_->execute("document.querySelector('.kavosh-facets button').click();");
  narrow = browser_->execute(rects);
  EXPECT_GT(narrow["valueHeight"].get<double>(), 0) << "opened: " << narrow.dump();
  EXPECT_LE(narrow["scrollWidth"].get<int>(), narrow["width"].get<int>()) << narrow.dump();
  save("serve-widget-facets-360px-open.png", browser_->screenshot_png());
}

}  // namespace
}  // namespace kavosh::serve::testing
