-- wrk script for `make bench`: cycle through the request paths listed in a file (one per line,
-- passed after `--`; "path<TAB>etag" sends the ETag as If-None-Match and expects a 304), count
-- every response that is not 2xx (or not 304 where one was asked for), and print one JSON line.
local threads = {}
local counter = 1

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  etags = {}
  for line in io.lines(args[1]) do
    local path, etag = line:match("^([^\t]+)\t(.+)$")
    if path then
      paths[#paths + 1] = path
      etags[#paths] = etag
    elseif #line > 0 then
      paths[#paths + 1] = line
    end
  end
  counter = offset % #paths
  non2xx = 0
  answered304 = 0
end

function request()
  counter = counter % #paths + 1
  local etag = etags[counter]
  if etag then
    return wrk.format("GET", paths[counter], {["If-None-Match"] = etag})
  end
  return wrk.format("GET", paths[counter])
end

function response(status, headers, body)
  if status == 304 then answered304 = answered304 + 1 end
  local ok = (status >= 200 and status <= 299) or (status == 304 and next(etags) ~= nil)
  if not ok then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local bad, n304 = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    n304 = n304 + thread:get("answered304")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_WRK {"requests": %d, "duration_us": %d, "non2xx": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "timeouts": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"not_modified": %d}\n',
    summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), n304))
end
