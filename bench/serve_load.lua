-- wrk script for bench/serve_load.sh: a portal's query mix over real queries.
-- 60% search (some filtered by source, some page 2, some by date), 25% autocomplete, 15% document.
-- KAVOSH_QUERIES: qid<TAB>query files, colon-separated, taken in turn (default corpus/queries.tsv);
-- KAVOSH_IDS: document ids, one a line.
local queries = {}
for path in (os.getenv("KAVOSH_QUERIES") or "corpus/queries.tsv"):gmatch("[^:]+") do
  for line in io.lines(path) do
    local q = line:match("^[^\t]+\t(.+)$")
    if q then queries[#queries + 1] = q end
  end
end
local ids = {}
for line in io.lines(os.getenv("KAVOSH_IDS")) do ids[#ids + 1] = line end
local sources = {"ایرنا", "ایسنا", "مهر", "تسنیم", "فارس"}
local prefixes = {"انت", "انتخا", "مجلس خب", "خبرگ", "ثبت", "نامز", "شورای نگ", "تهر", "رئیس جم", "داوطل"}

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- Each wrk thread starts at another place in the list, spread evenly (golden-ratio steps, whatever the
-- number of threads), and takes the queries in turn: threads do not ask the same query at the same time.
-- A global, not a local: setup() sets it in each thread's state after this file has run there.
next_query = 0
local threads = 0
setup = function(thread)
  thread:set("next_query", math.floor(threads * 0.6180339887 % 1 * #queries))
  threads = threads + 1
end

request = function()
  local r = math.random(100)
  local path
  if r <= 60 then
    next_query = next_query % #queries + 1
    path = "/api/search?q=" .. encode(queries[next_query])
    if r <= 10 then path = path .. "&source=" .. encode(sources[math.random(#sources)]) end
    if r > 10 and r <= 20 then path = path .. "&offset=10" end
    if r > 20 and r <= 25 then path = path .. "&sort=date" end
  elseif r <= 85 then
    path = "/api/suggest?q=" .. encode(prefixes[math.random(#prefixes)])
  else
    path = "/api/doc/" .. encode(ids[math.random(#ids)])
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("KAVOSH requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
                         "socket_errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
