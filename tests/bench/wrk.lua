-- wrk script for scripts/bench.sh. Environment:
--   BENCH_SESSIONS  file of "nip token csrf" lines (gen.py); unset: no cookie
--   BENCH_METHOD    GET (default) or POST
--   BENCH_BODY      POST body; "%nip" and "%csrf" take the line's values
--   BENCH_PATHS     file of "token csrf path" lines: each is requested once,
--                   split over the threads (BENCH_THREADS, default 2);
--                   after its share a thread repeats its last line
-- Each request uses the next session, so requests spread over many learners.
-- done() prints one line: RESULT req/s p50_ms p99_ms errors non2xx
local sess = {}
local path = os.getenv("BENCH_SESSIONS")
if path then
	for line in io.lines(path) do
		local nip, tok, csrf = line:match("(%S+) (%S+) (%S+)")
		sess[#sess + 1] = { nip = nip, tok = tok, csrf = csrf }
	end
end
local pfile = os.getenv("BENCH_PATHS")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local tcount = 0
local mine, k = {}, 0
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local n = 0
local non2xx = 0

function setup(thread)
	thread:set("id", math.random(1, 1000000))
	thread:set("tidx", tcount)
	tcount = tcount + 1
end

function init(args)
	n = (id or 0)
	if pfile then
		local i = 0
		for line in io.lines(pfile) do
			if i % nthreads == tidx then
				local tok, csrf, p = line:match("(%S+) (%S+) (%S+)")
				mine[#mine + 1] = { tok = tok, csrf = csrf, path = p }
			end
			i = i + 1
		end
	end
end

function request()
	if pfile then
		k = k + 1
		local l = mine[k] or mine[#mine]
		local b = (body or ""):gsub("%%csrf", l.csrf)
		return wrk.format("POST", l.path, { ["Cookie"] = "lentera_sid=" .. l.tok,
		    ["Content-Type"] = "application/x-www-form-urlencoded" }, b)
	end
	n = n + 1
	local h = {}
	local b = nil
	if #sess > 0 then
		local s = sess[n % #sess + 1]
		if os.getenv("BENCH_NOCOOKIE") == nil then
			h["Cookie"] = "lentera_sid=" .. s.tok
		end
		if body then
			b = body:gsub("%%nip", s.nip):gsub("%%csrf", s.csrf)
		end
	end
	if b then
		h["Content-Type"] = "application/x-www-form-urlencoded"
	end
	return wrk.format(method, nil, h, b)
end

function response(status, headers, b)
	if status >= 400 then
		non2xx = non2xx + 1
	end
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT %.0f %.2f %.2f %d\n",
	    summary.requests / (summary.duration / 1e6),
	    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
	    e.connect + e.read + e.write + e.timeout + e.status))
end
