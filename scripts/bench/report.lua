-- wrk: print one line of JSON with the figures scripts/benchmark.py reads.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,' ..
    '"p50":%d,"p95":%d,"p99":%d}\n',
    summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
