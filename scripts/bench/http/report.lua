-- Shared by the wrk scripts: prints one JSON line the bench runner reads.
function done(summary, latency, requests)
  io.write(string.format("JSON {\"requests\":%d,\"errors\":%d,\"non2xx\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"duration_s\":%.3f}\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
