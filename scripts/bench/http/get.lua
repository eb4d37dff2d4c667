-- wrk script: GET a random existing document (ids doc-000000 .. doc-<BENCH_DOCS-1>).
local auth = os.getenv("BENCH_AUTH")
local docs = tonumber(os.getenv("BENCH_DOCS"))

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local id = string.format("doc-%06d", math.random(0, docs - 1))
  return wrk.format("GET", "/" .. os.getenv("BENCH_DB") .. "/" .. id, { ["Authorization"] = "Basic " .. auth })
end

function done(summary, latency, requests)
  io.write(string.format("JSON {\"requests\":%d,\"errors\":%d,\"non2xx\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"duration_s\":%.3f}\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
