-- wrk script: PUT a new ~1 KB document per request, unique ids per connection thread.
local counter = 0
local thread_id = 0
local body = nil
local auth = os.getenv("BENCH_AUTH")

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  local filler = string.rep("lorem ipsum dolor sit amet ", 34)
  body = '{"type":"order","status":"pending","total":123.45,"notes":"' .. filler .. '"}'
end

function request()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Basic " .. auth }
  return wrk.format("PUT", "/" .. os.getenv("BENCH_DB") .. "/put-" .. tid .. "-" .. counter, headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("JSON {\"requests\":%d,\"errors\":%d,\"non2xx\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"duration_s\":%.3f}\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
