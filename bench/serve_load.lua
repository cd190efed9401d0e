-- wrk script for bench/serve_load.sh: a portal's query mix over the bundled corpus's queries.
-- 60% search (some filtered by source, some page 2, some by date), 25% autocomplete, 15% document.
local queries = {}
for line in io.lines("corpus/queries.tsv") do
  local q = line:match("^[^\t]+\t(.+)$")
  if q then queries[#queries + 1] = q end
end
local sources = {"ایرنا", "ایسنا", "مهر", "تسنیم", "فارس"}
local prefixes = {"انت", "انتخا", "مجلس خب", "خبرگ", "ثبت", "نامز", "شورای نگ", "تهر", "رئیس جم", "داوطل"}

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local counter = 0
request = function()
  counter = counter + 1
  local r = math.random(100)
  local path
  if r <= 60 then
    path = "/api/search?q=" .. encode(queries[math.random(#queries)])
    if r <= 10 then path = path .. "&source=" .. encode(sources[math.random(#sources)]) end
    if r > 10 and r <= 20 then path = path .. "&offset=10" end
    if r > 20 and r <= 25 then path = path .. "&sort=date" end
  elseif r <= 85 then
    path = "/api/suggest?q=" .. encode(prefixes[math.random(#prefixes)])
  else
    path = string.format("/api/doc/s%d-a%03d", math.random(0, 599), math.random(1, 40))
  end
  return wrk.format("GET", path)
end

-- wrk counts non-2xx only as one total: keep our own count of each status.
local statuses = {}
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("KAVOSH requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
                         "socket_errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
