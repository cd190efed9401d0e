/* Kavosh search widget. GPL-2.0-or-later.
 * Embed: <div data-kavosh-search data-endpoint="https://search.example"></div>
 *        <link rel="stylesheet" href=".../widget.css"><script src=".../widget.js" defer></script>
 * Options (data-*): endpoint (base URL of kavosh-serve; empty = this site), page-size (default 10),
 * sources (comma-separated list for the source filter; otherwise filled from the results),
 * url-state ("on": the page URL carries the search, ?q=…&page=…&source=…&tag=…&sort=…&from=…&to=…, through
 * history.pushState; opening such a URL runs the search and Back/Forward return to earlier ones; one widget
 * per page should opt in, and the page's own query parameters other than these are kept).
 * Beside the results (above them, folded, on a narrow screen) a panel lists facet values with counts; a
 * value filters the results and a second click removes it. Under each hit a «خبرهای مرتبط» button lists
 * the articles most like it (/api/related/ID); a second click hides them.
 * Plain script, no build step, no network but the endpoint. Every string from the server or the user
 * is rendered as text; only snippets go through innerHTML, after escaping, to turn the highlight
 * markers U+0002/U+0003 into <mark>.
 */
(function () {
  'use strict';

  var PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
  var MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور',
                'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
  var TEXT = {
    label: 'جستجو در اخبار',
    placeholder: 'جستجو در اخبار…',
    button: 'جستجو',
    filters: 'فیلترها',
    source: 'منبع',
    allSources: 'همه منابع',
    from: 'از تاریخ',
    to: 'تا تاریخ',
    datePlaceholder: '۱۴۰۲/۰۱/۰۱',
    sort: 'ترتیب',
    relevance: 'مرتبط‌ترین',
    newest: 'جدیدترین',
    suggestions: 'پیشنهادها',
    refine: 'پالایش نتایج',
    facets: { source: 'منبع', category: 'دسته', province: 'استان', tag: 'برچسب', year: 'سال', month: 'ماه' },
    facetValue: function (label, count) { return label + '، ' + toPersianDigits(count) + ' نتیجه'; },
    searching: 'در حال جستجو…',
    none: 'نتیجه‌ای یافت نشد.',
    error: 'جستجو انجام نشد؛ دوباره تلاش کنید.',
    reversed: 'تاریخ آغاز پس از تاریخ پایان است؛ بازهٔ تاریخ را درست کنید.',
    tooLong: 'عبارت جستجو بیش از اندازه بلند است.',
    partial: 'بخشی از نتایج در دسترس نیست؛ نتایج بخش‌های دیگر نمایش داده شد.',
    count: function (n, estimated) { return (estimated ? 'حدود ' : '') + toPersianDigits(n) + ' نتیجه'; },
    didYouMean: 'آیا منظورتان این بود: ',
    reading: function (typed, written) { return ' «' + typed + '» به صورت «' + written + '» هم جستجو شد.'; },
    pages: 'صفحه‌های نتایج',
    previous: 'قبلی',
    next: 'بعدی',
    page: function (n) { return 'صفحه ' + toPersianDigits(n); },
    related: 'خبرهای مرتبط',
    relatedLoading: 'در حال یافتن خبرهای مرتبط…',
    relatedNone: 'خبر مرتبطی یافت نشد.',
    relatedError: 'خبرهای مرتبط دریافت نشد؛ دوباره تلاش کنید.',
    copies: function (hit) {
      var sources = hit.other_sources || [];
      return '+' + toPersianDigits(sources.length || hit.copies) + (sources.length ? ' خبرگزاری دیگر' : ' نسخهٔ دیگر');
    }
  };

  /** The facets the panel shows, in order; each name is also the search parameter that filters by it. */
  var FACETS = ['source', 'category', 'province', 'tag', 'year', 'month'];

  /** Related articles listed under a hit at most. */
  var RELATED_LIMIT = 5;

  /** Parameters the page URL carries when the widget keeps its state there (data-url-state="on"). */
  var URL_KEYS = ['q', 'page', 'sort', 'from', 'to'].concat(FACETS);

  /** The searcher's warnings are English (for logs and the CLI); the reader gets them in Persian. Text
   *  from the query is wrapped in isolates (U+2068…U+2069) so Latin words keep their place. */
  var WARNINGS = [
    [/^unreadable date '(.*)': date ignored$/, function (m) {
      return 'تاریخ «' + isolate(m[1]) + '» خوانده نشد و نادیده گرفته شد.';
    }],
    [/^unreadable (year|month) '(.*)': ignored$/, function (m) {
      return (m[1] === 'year' ? 'سال' : 'ماه') + ' «' + isolate(m[2]) + '» خوانده نشد و نادیده گرفته شد.';
    }],
    [/^the dates do not overlap/, function () { return 'بازهٔ تاریخ هیچ روزی را در بر نمی‌گیرد؛ نتیجه‌ای نیست.'; }],
    [/^unknown field '(.*?)'/, function (m) {
      return 'فیلد «' + isolate(m[1]) + '» شناخته نشد؛ به صورت واژه جستجو شد.';
    }],
    [/^'-' before a filter/, function () { return 'منفی پیش از فیلتر پشتیبانی نمی‌شود؛ فیلتر اعمال شد.'; }],
    [/^syntax error/, function () { return 'ساختار عبارت درست نبود؛ به صورت واژه‌های ساده جستجو شد.'; }],
    [/^query too long: only its first (\d+) words/, function (m) {
      return 'عبارت بلند بود؛ فقط ' + toPersianDigits(m[1]) + ' واژهٔ نخست آن جستجو شد.';
    }],
    [/^'(.*)\*' starts more than/, function (m) {
      return 'واژه‌های آغازشده با «' + isolate(m[1]) + '» بسیارند؛ فقط پربسامدترین‌ها جستجو شد.';
    }],
    [/^time limit of/, function () { return 'زمان جستجو به سر رسید؛ نتایج شاید کامل نباشند.'; }]
  ];

  function isolate(text) { return '\u2068' + text + '\u2069'; }

  function warningText(warning) {
    for (var i = 0; i < WARNINGS.length; i++) {
      var m = WARNINGS[i][0].exec(warning);
      if (m) return WARNINGS[i][1](m);
    }
    return 'هشدار: ' + isolate(warning);
  }

  var counter = 0;

  function toPersianDigits(value) {
    return String(value).replace(/[0-9]/g, function (d) { return PERSIAN_DIGITS[+d]; });
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** Escapes everything, then turns the searcher's markers into <mark>: the only HTML we emit. */
  function snippetHtml(snippet) {
    return escapeHtml(snippet)
      .replace(/[\u0000-\u0001\u0004-\u0008\u000b-\u001f]/g, '')
      .replace(/\u0002/g, '<mark>')
      .replace(/\u0003/g, '</mark>');
  }

  /** "1402/12/14" → "۱۴ اسفند ۱۴۰۲"; anything else is shown with Persian digits as it is. */
  function jalaliText(dateJalali) {
    var m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(dateJalali || '');
    if (!m || +m[2] < 1 || +m[2] > 12) return toPersianDigits(dateJalali || '');
    return toPersianDigits(+m[3]) + ' ' + MONTHS[+m[2] - 1] + ' ' + toPersianDigits(m[1]);
  }

  /** Only web links become hrefs: a document's url must not run script (javascript:, data:). */
  function safeUrl(url) {
    try {
      var parsed = new URL(url, window.location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  /** "1402/05" (a month facet's value) → "مرداد ۱۴۰۲"; a year → its Persian digits. */
  function facetLabel(facet, value) {
    var m = facet === 'month' ? /^(\d{4})[\/-](\d{1,2})$/.exec(value) : null;
    if (m && +m[2] >= 1 && +m[2] <= 12) return MONTHS[+m[2] - 1] + ' ' + toPersianDigits(m[1]);
    return facet === 'year' || facet === 'month' ? toPersianDigits(value) : value;
  }

  function emptyFilters() {
    var filters = {};
    FACETS.forEach(function (facet) { filters[facet] = []; });
    return filters;
  }

  function Widget(root) {
    this.root = root;
    this.endpoint = (root.getAttribute('data-endpoint') || '').replace(/\/+$/, '');
    this.pageSize = Math.max(1, Math.min(50, parseInt(root.getAttribute('data-page-size'), 10) || 10));
    this.urlState = /^(on|true|1)$/i.test(root.getAttribute('data-url-state') || '');
    this.id = 'kavosh-' + (++counter);
    this.page = 0;
    this.filters = emptyFilters();
    this.active = -1;
    this.searchSeq = 0;
    this.suggestSeq = 0;
    this.suggestTimer = null;
    this.relatedCount = 0;
    this.shown = null;  // the search on screen, as urlParams() writes it
    this.knownSources = [];
    this.build();
    var preset = (root.getAttribute('data-sources') || '').split(',');
    this.addSources(preset.map(function (s) { return s.trim(); }));
    if (this.urlState) {
      var self = this;
      window.addEventListener('popstate', function () { self.restore(); });
      this.restore();
    }
  }

  Widget.prototype.url = function (path, params) {
    var url = new URL(this.endpoint + path, window.location.href);
    Object.keys(params).forEach(function (name) {
      var values = Array.isArray(params[name]) ? params[name] : [params[name]];
      values.forEach(function (value) {
        if (value !== '' && value !== undefined) url.searchParams.append(name, value);
      });
    });
    return url.href;
  };

  Widget.prototype.build = function () {
    var id = this.id;
    this.input = el('input', {
      id: id + '-q', type: 'search', class: 'kavosh-input', role: 'combobox', autocomplete: 'off',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': id + '-list',
      placeholder: TEXT.placeholder, enterkeyhint: 'search', spellcheck: 'false'
    });
    this.list = el('ul', { id: id + '-list', class: 'kavosh-suggestions', role: 'listbox', 'aria-label': TEXT.suggestions });
    this.list.hidden = true;
    this.source = el('select', { id: id + '-source', class: 'kavosh-source' },
                     [el('option', { value: '', text: TEXT.allSources })]);
    this.from = el('input', { id: id + '-from', class: 'kavosh-date', type: 'text', inputmode: 'numeric', placeholder: TEXT.datePlaceholder, dir: 'ltr' });
    this.to = el('input', { id: id + '-to', class: 'kavosh-date', type: 'text', inputmode: 'numeric', placeholder: TEXT.datePlaceholder, dir: 'ltr' });
    this.sort = el('select', { id: id + '-sort', class: 'kavosh-sort' }, [
      el('option', { value: 'relevance', text: TEXT.relevance }),
      el('option', { value: 'date', text: TEXT.newest })]);
    this.form = el('form', { class: 'kavosh-form', role: 'search', 'aria-label': TEXT.label }, [
      el('div', { class: 'kavosh-bar' }, [
        el('label', { for: id + '-q', class: 'kavosh-hidden', text: TEXT.label }),
        el('div', { class: 'kavosh-combo' }, [this.input, this.list]),
        el('button', { type: 'submit', class: 'kavosh-submit', text: TEXT.button })]),
      el('fieldset', { class: 'kavosh-filters' }, [
        el('legend', { class: 'kavosh-hidden', text: TEXT.filters }),
        this.field(TEXT.source, this.source), this.field(TEXT.from, this.from),
        this.field(TEXT.to, this.to), this.field(TEXT.sort, this.sort)])]);
    this.status = el('div', { class: 'kavosh-status', role: 'status', 'aria-live': 'polite' });
    this.results = el('ol', { class: 'kavosh-results', 'aria-label': TEXT.label });
    this.pager = el('nav', { class: 'kavosh-pages', 'aria-label': TEXT.pages });
    // The facet panel: a side column on a wide widget; on a narrow one a folded block above the results
    // that its button opens (widget.css decides by the widget's width).
    this.facetToggle = el('button', { type: 'button', class: 'kavosh-facets-toggle', 'aria-expanded': 'false',
                                      'aria-controls': id + '-facets', text: TEXT.refine });
    this.facetBody = el('div', { id: id + '-facets', class: 'kavosh-facets-body' });
    this.facetPanel = el('aside', { class: 'kavosh-facets', 'aria-label': TEXT.refine }, [this.facetToggle, this.facetBody]);
    this.facetPanel.hidden = true;
    var main = el('div', { class: 'kavosh-main' }, [this.results, this.pager]);
    var box = el('div', { class: 'kavosh', dir: 'rtl', lang: 'fa' }, [
      this.form, this.status, el('div', { class: 'kavosh-body' }, [this.facetPanel, main])]);
    this.root.textContent = '';
    this.root.appendChild(box);
    this.bind();
  };

  Widget.prototype.field = function (label, control) {
    return el('label', { class: 'kavosh-field', for: control.id }, [el('span', { text: label }), control]);
  };

  Widget.prototype.bind = function () {
    var self = this;
    this.form.addEventListener('submit', function (event) {
      event.preventDefault();
      self.dismissList();
      self.search(0);
    });
    this.input.addEventListener('input', function () {
      clearTimeout(self.suggestTimer);
      self.suggestTimer = setTimeout(function () { self.suggest(); }, 150);
    });
    this.input.addEventListener('keydown', function (event) { self.onKey(event); });
    this.input.addEventListener('blur', function () { setTimeout(function () { self.dismissList(); }, 150); });
    this.source.addEventListener('change', function () {
      self.filters.source = self.source.value ? [self.source.value] : [];
      if (self.input.value.trim()) self.search(0);
    });
    this.sort.addEventListener('change', function () { if (self.input.value.trim()) self.search(0); });
    this.facetToggle.addEventListener('click', function () {
      var open = self.facetToggle.getAttribute('aria-expanded') !== 'true';
      self.facetToggle.setAttribute('aria-expanded', String(open));
      self.facetPanel.classList.toggle('kavosh-open', open);
    });
  };

  /** Arrows move through the completions, Enter takes one (or searches), Esc closes the list. */
  Widget.prototype.onKey = function (event) {
    var options = this.list.hidden ? [] : this.list.children;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!options.length) return;
      event.preventDefault();
      var step = event.key === 'ArrowDown' ? 1 : -1;
      this.highlight((this.active + step + options.length) % options.length);
    } else if (event.key === 'Enter' && this.active >= 0 && options.length) {
      event.preventDefault();
      this.pick(options[this.active].textContent);
    } else if (event.key === 'Escape') {
      if (!this.list.hidden) {
        event.preventDefault();
        this.dismissList();
      }
    }
  };

  Widget.prototype.highlight = function (index) {
    var options = this.list.children;
    for (var i = 0; i < options.length; i++) options[i].setAttribute('aria-selected', String(i === index));
    this.active = index;
    this.input.setAttribute('aria-activedescendant', options[index].id);
  };

  Widget.prototype.pick = function (text) {
    this.input.value = text;
    this.dismissList();
    this.search(0);
  };

  /** Closes the list for good: a completion still on its way (or about to be asked for) must not reopen it. */
  Widget.prototype.dismissList = function () {
    clearTimeout(this.suggestTimer);
    this.suggestSeq++;
    this.closeList();
  };

  Widget.prototype.closeList = function () {
    this.list.hidden = true;
    this.list.textContent = '';
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  };

  Widget.prototype.suggest = function () {
    var self = this;
    var q = this.input.value;
    var seq = ++this.suggestSeq;
    if (!q.trim()) { this.closeList(); return; }
    fetch(this.url('/api/suggest', { q: q, limit: 8 }))
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (data) {
        if (seq !== self.suggestSeq || !data) return;
        self.showCompletions(data.completions || []);
      })
      .catch(function () { /* autocomplete is a convenience: stay silent */ });
  };

  Widget.prototype.showCompletions = function (words) {
    var self = this;
    this.closeList();
    words.forEach(function (word, i) {
      var option = el('li', { id: self.id + '-opt-' + i, role: 'option', 'aria-selected': 'false', text: word });
      option.addEventListener('mousedown', function (event) {
        event.preventDefault();  // keep focus in the input
        self.pick(word);
      });
      self.list.appendChild(option);
    });
    if (!words.length) return;
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  };

  /** The search the controls and the chosen facet values describe, as request parameters. */
  Widget.prototype.state = function () {
    var state = { q: this.input.value.trim(), sort: this.sort.value, from: this.from.value.trim(),
                  to: this.to.value.trim() };
    var filters = this.filters;
    FACETS.forEach(function (facet) { state[facet] = filters[facet].slice(); });
    return state;
  };

  /** Runs the search at `page` (from 0) with the chosen filters; the page URL records it (when the
   *  widget keeps its state there) unless `restoring`, i.e. the search came from the URL. */
  Widget.prototype.search = function (page, restoring) {
    var self = this;
    var state = this.state();
    if (!state.q) return;
    var seq = ++this.searchSeq;
    this.page = page;
    this.shown = urlParams(state, page).toString();
    if (this.urlState && !restoring) this.remember(state, page);
    this.root.setAttribute('aria-busy', 'true');
    this.status.textContent = TEXT.searching;
    var params = { limit: this.pageSize, offset: page * this.pageSize, facets: FACETS.join(',') };
    Object.keys(state).forEach(function (name) { params[name] = state[name]; });
    fetch(this.url('/api/search', params))
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) throw { status: res.status, message: String((body && body.error) || '') };
          return body;
        });
      })
      .then(function (data) { if (seq === self.searchSeq) self.render(data); })
      .catch(function (error) {
        if (seq !== self.searchSeq) return;
        self.shown = null;
        self.results.textContent = '';
        self.pager.textContent = '';
        self.facetPanel.hidden = true;
        self.status.textContent = errorText(error);
      })
      .then(function () { if (seq === self.searchSeq) self.root.removeAttribute('aria-busy'); });
  };

  /** What the reader can do about a refused search; anything else is "try again". */
  function errorText(error) {
    if (error && /^the date range is reversed/.test(error.message)) return TEXT.reversed;
    if (error && (error.status === 413 || error.status === 414)) return TEXT.tooLong;
    return TEXT.error;
  }

  /** The search as the page URL's parameters: `page` counts from 1, defaults are left out. */
  function urlParams(state, page) {
    var params = new URLSearchParams();
    params.set('q', state.q);
    if (page > 0) params.set('page', String(page + 1));
    FACETS.forEach(function (facet) {
      state[facet].forEach(function (value) { params.append(facet, value); });
    });
    if (state.sort === 'date') params.set('sort', 'date');
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
    return params;
  }

  /** Writes the search into the page URL as a new history entry (none when the URL already says it);
   *  the page's own parameters stay. */
  Widget.prototype.remember = function (state, page) {
    var url = new URL(window.location.href);
    URL_KEYS.forEach(function (name) { url.searchParams.delete(name); });
    urlParams(state, page).forEach(function (value, name) { url.searchParams.append(name, value); });
    if (url.href !== window.location.href) window.history.pushState({ kavosh: true }, '', url.href);
  };

  /** Sets the controls from the page URL and runs the search it names (on load, Back and Forward); a
   *  URL naming the search shown already (only its #fragment changed) changes nothing. */
  Widget.prototype.restore = function () {
    var self = this;
    var query = new URL(window.location.href).searchParams;
    var page = Math.max(1, parseInt(query.get('page'), 10) || 1) - 1;
    this.dismissList();
    this.input.value = query.get('q') || '';
    this.from.value = query.get('from') || '';
    this.to.value = query.get('to') || '';
    this.sort.value = query.get('sort') === 'date' ? 'date' : 'relevance';
    FACETS.forEach(function (facet) {
      self.filters[facet] = query.getAll(facet).filter(function (value, i, all) {
        return value && all.indexOf(value) === i;
      });
    });
    this.syncSource();
    var state = this.state();
    if (state.q && urlParams(state, page).toString() === this.shown) return;
    if (state.q) {
      this.search(page, true);
    } else {  // back to the page before the first search
      this.searchSeq++;
      this.shown = null;
      this.page = 0;
      this.root.removeAttribute('aria-busy');
      this.status.textContent = '';
      this.results.textContent = '';
      this.pager.textContent = '';
      this.facetPanel.hidden = true;
    }
  };

  /** The source list shows the one chosen source; none or several chosen in the panel: all sources. */
  Widget.prototype.syncSource = function () {
    var chosen = this.filters.source.length === 1 ? this.filters.source[0] : '';
    this.addSources([chosen]);
    this.source.value = chosen;
  };

  Widget.prototype.render = function (data) {
    var self = this;
    var hits = data.hits || [];
    this.addSources(hits.map(function (hit) { return hit.source; }));
    this.renderStatus(data, hits.length);
    this.results.textContent = '';
    this.results.setAttribute('start', String((data.offset || 0) + 1));
    hits.forEach(function (hit) { self.results.appendChild(self.renderHit(hit)); });
    this.renderFacets(data.facets || {});
    this.renderPager(data, hits.length);
  };

  Widget.prototype.renderStatus = function (data, count) {
    var self = this;
    this.status.textContent = count || data.total ? TEXT.count(data.total, data.total_is_estimate) : TEXT.none;
    (data.readings || []).forEach(function (reading) {
      self.status.appendChild(el('span', { class: 'kavosh-reading', text: TEXT.reading(reading.typed, reading.written) }));
    });
    (data.warnings || []).forEach(function (warning) {
      self.status.appendChild(el('span', { class: 'kavosh-warning', text: warningText(String(warning)) }));
    });
    // A cluster answered without some of its shards (failed_shards): say so, the count is of the others.
    if (data.partial) this.status.appendChild(el('span', { class: 'kavosh-warning kavosh-partial', text: TEXT.partial }));
    if (!data.suggestion) return;
    var button = el('button', { type: 'button', class: 'kavosh-didyoumean', text: data.suggestion });
    button.addEventListener('click', function () { self.pick(data.suggestion); });
    this.status.appendChild(el('span', { class: 'kavosh-didyoumean-text', text: ' ' + TEXT.didYouMean }));
    this.status.appendChild(button);
  };

  /** A titled list per facet, most frequent first (the server's order, counted with the other facets'
   *  filters applied). A chosen value stays listed, pressed, even when the other filters leave it no
   *  result, so that a second click can remove it. */
  Widget.prototype.renderFacets = function (facets) {
    var self = this;
    var focused = this.facetFocus;
    this.facetFocus = null;
    this.facetBody.textContent = '';
    FACETS.forEach(function (facet) {
      var chosen = self.filters[facet];
      var values = (facets[facet] || []).slice();
      chosen.forEach(function (value) {
        if (!values.some(function (v) { return v.value === value; })) values.push({ value: value, count: 0 });
      });
      if (!values.length) return;
      var list = el('ul', { class: 'kavosh-facet-values' });
      values.forEach(function (value) {
        var button = self.facetButton(facet, value, chosen.indexOf(value.value) >= 0);
        list.appendChild(el('li', {}, [button]));
        if (focused && focused.facet === facet && focused.value === value.value) button.focus();
      });
      var titleId = self.id + '-facet-' + facet;
      self.facetBody.appendChild(el('section', { class: 'kavosh-facet', 'aria-labelledby': titleId }, [
        el('h3', { id: titleId, class: 'kavosh-facet-title', text: TEXT.facets[facet] }), list]));
    });
    this.facetPanel.hidden = !this.facetBody.firstChild;
  };

  Widget.prototype.facetButton = function (facet, value, chosen) {
    var self = this;
    var label = facetLabel(facet, String(value.value));
    var button = el('button', { type: 'button', class: 'kavosh-facet-value', 'aria-pressed': String(chosen),
                                'aria-label': TEXT.facetValue(label, value.count || 0) }, [
      el('bdi', { class: 'kavosh-facet-label', text: label }),
      el('span', { class: 'kavosh-facet-count', text: toPersianDigits(value.count || 0) })]);
    button.addEventListener('click', function () {
      self.facetFocus = { facet: facet, value: value.value };
      self.toggleFilter(facet, String(value.value));
    });
    return button;
  };

  /** Chooses a facet value, or removes it when chosen; the search starts again at its first page. */
  Widget.prototype.toggleFilter = function (facet, value) {
    var chosen = this.filters[facet];
    var at = chosen.indexOf(value);
    if (at >= 0) chosen.splice(at, 1);
    else chosen.push(value);
    this.syncSource();
    this.search(0);
  };

  /** Where a hit's title leads: its url, or (without a web address) its record from the service, never
   *  the search page. */
  Widget.prototype.hitHref = function (hit) {
    return (hit.url && safeUrl(hit.url)) || this.url('/api/doc/' + encodeURIComponent(hit.id), {});
  };

  /** A hit's meta line: source, date and (unless `plain`) its copies. Each part is its own bidi isolate
   *  (<bdi>, or dir=auto with unicode-bidi: isolate in widget.css): a Latin source name must not reorder
   *  the Jalali date's day, month and year. */
  Widget.prototype.metaLine = function (hit, plain) {
    var parts = [];
    if (hit.source) parts.push(el('bdi', { class: 'kavosh-source-name', text: hit.source }));
    if (hit.date_jalali) {
      parts.push(el('time', { datetime: hit.date || '', dir: 'auto', text: jalaliText(hit.date_jalali) }));
    }
    if (!plain && hit.copies > 0 && hit.story) {  // a collapsed story: the button lists its copies (story:ID)
      var self = this;
      var copies = el('button', { type: 'button', class: 'kavosh-copies', dir: 'auto', text: TEXT.copies(hit),
                                  title: (hit.other_sources || []).join('، ') });
      copies.addEventListener('click', function () {
        self.filters = emptyFilters();  // every copy, whatever its source or tags
        self.syncSource();
        self.pick('story:' + hit.story);
      });
      parts.push(copies);
    }
    var meta = el('div', { class: 'kavosh-meta' });
    parts.forEach(function (part, i) {
      // A bar, not a middle dot: next to Persian digits a dot reads as ۰ (zero).
      if (i) meta.appendChild(el('span', { class: 'kavosh-sep', 'aria-hidden': 'true', text: '|' }));
      meta.appendChild(part);
    });
    return meta;
  };

  Widget.prototype.renderHit = function (hit) {
    var title = el('h3', { class: 'kavosh-title' }, [el('a', { href: this.hitHref(hit), text: hit.title || hit.id })]);
    var snippet = el('p', { class: 'kavosh-snippet' });
    snippet.innerHTML = snippetHtml(hit.snippet || '');
    var related = this.relatedControl(hit);
    return el('li', { class: 'kavosh-hit' }, [title, this.metaLine(hit), snippet, related.toggle, related.panel]);
  };

  /** The «خبرهای مرتبط» button under a hit and the panel it opens below it: the first click asks the
   *  service for the articles most like the hit (/api/related/ID) and lists them; the next closes the
   *  panel, and opening it again shows the same list (or asks again after a failure). */
  Widget.prototype.relatedControl = function (hit) {
    var self = this;
    var panelId = this.id + '-related-' + (++this.relatedCount);
    var toggle = el('button', { type: 'button', class: 'kavosh-related-toggle', 'aria-expanded': 'false',
                                'aria-controls': panelId, text: TEXT.related });
    var panel = el('div', { id: panelId, class: 'kavosh-related', role: 'region', 'aria-label': TEXT.related,
                            'aria-live': 'polite' });
    panel.hidden = true;
    var state = 'idle';  // idle, loading, loaded, failed
    toggle.addEventListener('click', function () {
      var open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      panel.hidden = !open;
      if (!open || state === 'loading' || state === 'loaded') return;
      state = 'loading';
      panel.setAttribute('aria-busy', 'true');
      panel.textContent = '';
      panel.appendChild(el('p', { class: 'kavosh-related-status', text: TEXT.relatedLoading }));
      self.fetchRelated(hit).then(function (hits) {
        state = 'loaded';
        self.renderRelated(panel, hits);
      }, function () {
        state = 'failed';
        panel.textContent = '';
        panel.appendChild(el('p', { class: 'kavosh-related-status kavosh-related-error', text: TEXT.relatedError }));
      }).then(function () { panel.removeAttribute('aria-busy'); });
    });
    return { toggle: toggle, panel: panel };
  };

  /** The articles most like `hit`, at most RELATED_LIMIT, never the hit itself. */
  Widget.prototype.fetchRelated = function (hit) {
    return fetch(this.url('/api/related/' + encodeURIComponent(hit.id), { limit: RELATED_LIMIT }))
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (data) {
        return (data && Array.isArray(data.hits) ? data.hits : [])
          .filter(function (other) { return other && other.id !== hit.id; })
          .slice(0, RELATED_LIMIT);
      });
  };

  /** Each related article as a link (its title, to its url or record) over its meta line. */
  Widget.prototype.renderRelated = function (panel, hits) {
    var self = this;
    panel.textContent = '';
    if (!hits.length) {
      panel.appendChild(el('p', { class: 'kavosh-related-status', text: TEXT.relatedNone }));
      return;
    }
    panel.appendChild(el('ul', { class: 'kavosh-related-list' }, hits.map(function (other) {
      return el('li', { class: 'kavosh-related-item' }, [
        el('a', { class: 'kavosh-related-link', href: self.hitHref(other), text: other.title || other.id }),
        self.metaLine(other, true)]);
    })));
  };

  /** How many pages of results exist. An exact total says; an estimated one (total_is_estimate) may lie
   *  above the matches there are, so then only pages the server vouches for count: those holding its
   *  lower bound (total_lower), and no page after one that is not full. */
  Widget.prototype.pageCount = function (data, shown) {
    var pages;
    if (!data.total_is_estimate) {
      pages = Math.ceil((data.total || 0) / this.pageSize);
    } else if (!shown) {  // past the end (an old link): back to the pages that exist
      pages = Math.min(this.page, Math.ceil((data.total_lower || 0) / this.pageSize));
    } else if (shown < this.pageSize) {
      pages = this.page + 1;
    } else {
      pages = Math.max(this.page + 1, Math.ceil((data.total_lower || 0) / this.pageSize));
    }
    return Math.min(pages, Math.floor(10000 / this.pageSize));
  };

  Widget.prototype.renderPager = function (data, shown) {
    var self = this;
    var pages = this.pageCount(data, shown);
    this.pager.textContent = '';
    if (pages <= 1) return;
    var first = Math.max(0, Math.min(this.page - 2, pages - 5));
    var button = function (label, page, current, aria) {
      var b = el('button', { type: 'button', class: 'kavosh-page', text: label, 'aria-label': aria || TEXT.page(page + 1) });
      if (current) b.setAttribute('aria-current', 'page');
      if (page < 0 || page >= pages) b.disabled = true;
      b.addEventListener('click', function () { self.search(page); self.input.focus(); });
      return b;
    };
    this.pager.appendChild(button(TEXT.previous, this.page - 1, false, TEXT.previous));
    for (var p = first; p < Math.min(pages, first + 5); p++) {
      this.pager.appendChild(button(toPersianDigits(p + 1), p, p === this.page));
    }
    this.pager.appendChild(button(TEXT.next, this.page + 1, false, TEXT.next));
  };

  /** The source filter lists the configured sources plus every source seen in results. */
  Widget.prototype.addSources = function (names) {
    var self = this;
    names.forEach(function (name) {
      if (!name || self.knownSources.indexOf(name) >= 0) return;
      self.knownSources.push(name);
      self.source.appendChild(el('option', { value: name, text: name }));
    });
  };

  function init() {
    var roots = document.querySelectorAll('[data-kavosh-search]');
    for (var i = 0; i < roots.length; i++) {
      if (!roots[i].kavoshWidget) roots[i].kavoshWidget = new Widget(roots[i]);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
  window.KavoshSearch = { init: init };
}());
