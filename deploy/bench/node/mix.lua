-- wrk script for the maximum-throughput run: the benchmark's mix (20% create, 20% update with
-- If-Match, 45% read, 15% search). Run with one connection per thread (-t N -c N): each thread then
-- sees its own responses in order and tracks the versions (ETags) of the cases it created.
local token = os.getenv("BENCH_TOKEN")
local citizenships = { "RO", "BG", "MD", "UA", "NG", "VN", "AT", "HU" }
local forms = { "Labour", "Sexual", "ForcedBegging", "ForcedCriminality", "DomesticServitude" }
local threads = {}
local cases = {}
local versions = {}
local pending = nil

function setup(thread)
  table.insert(threads, thread)
  thread:set("seed", #threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + seed)
end

local function headers(extra)
  local h = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json",
              ["Accept"] = "application/json" }
  if extra then h["If-Match"] = extra end
  return h
end

local function case_json(status)
  local c = citizenships[math.random(#citizenships)]
  return string.format('{"identificationStatus":"%s","formsOfExploitation":["%s"],"citizenship":"%s",'
      .. '"countryOfOrigin":"%s","countryOfExploitation":"AT","referringOrganisationId":"bench-org",'
      .. '"leadOrganisationId":"bench-org","sex":"%s","ageAtIdentification":%d}',
      status, forms[math.random(#forms)], c, c, math.random(2) == 1 and "Female" or "Male", 15 + math.random(40))
end

function request()
  local r = math.random(100)
  if #cases < 5 or r <= 20 then
    pending = { op = "create" }
    return wrk.format("POST", "/api/v1/cases", headers(), case_json("PRESUMED"))
  end
  local id = cases[math.random(#cases)]
  if r <= 40 then
    pending = { op = "update", id = id }
    return wrk.format("PUT", "/api/v1/cases/" .. id, headers('"' .. versions[id] .. '"'), case_json("IDENTIFIED"))
  elseif r <= 85 then
    pending = { op = "read" }
    return wrk.format("GET", "/api/v1/cases/" .. id, headers())
  end
  pending = { op = "search" }
  return wrk.format("GET", "/api/v1/cases?citizenship=" .. citizenships[math.random(#citizenships)]
      .. "&phase=IDENTIFICATION&size=20", headers())
end

function response(status, hdrs, body)
  if pending.op == "create" and status == 201 then
    local id = string.match(body, '"id":"([%x%-]+)"')
    table.insert(cases, id)
    versions[id] = 0
  elseif pending.op == "update" and status == 200 then
    versions[pending.id] = tonumber(string.match(hdrs["ETag"] or hdrs["etag"], "%d+"))
  end
end

function done(summary, latency, requests)
  io.write(string.format("max-throughput: %d requests in %.1f s = %.0f req/s; errors %d\n", summary.requests,
      summary.duration / 1e6, summary.requests / (summary.duration / 1e6), summary.errors.status
      + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("  all    p50 %.1f ms  p99 %.1f ms\n", latency:percentile(50) / 1000,
      latency:percentile(99) / 1000))
end
