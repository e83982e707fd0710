-- wrk: POST a support for each line of $BENCH_SUPPORTS ("path cookie token"),
-- every (resident, idea) pair once, then only GET the trivial view (200,
-- not counted). Run with one thread (-t1): one Lua state counts everything.
local pairs_ = {}
local next_ = 1
sent = 0
answered = 0

for line in io.lines(os.getenv("BENCH_SUPPORTS")) do
  local path, cookie, token = line:match("^(%S+) (.+) (%S+)$")
  table.insert(pairs_, {path, cookie, token})
end
local origin = os.getenv("BENCH_ORIGIN")

request = function()
  local item = pairs_[next_]
  if item == nil then
    return wrk.format("GET", "/bench/trivial/")
  end
  next_ = next_ + 1
  sent = sent + 1
  return wrk.format("POST", item[1], {
    ["Cookie"] = item[2],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Referer"] = origin .. item[1],
  }, "csrfmiddlewaretoken=" .. item[3])
end

-- The support view answers 303 See Other (302 before): both are a stored
-- support.
response = function(status, headers, body)
  if status == 302 or status == 303 then
    answered = answered + 1
  end
end

local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

done = function(summary, latency, requests)
  local s, a = 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("sent")
    a = a + t:get("answered")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,' ..
    '"p50":%d,"p95":%d,"p99":%d,"sent":%d,"answered":%d}\n',
    summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), s, a))
end
