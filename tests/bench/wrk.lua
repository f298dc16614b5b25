-- wrk script for scripts/bench.sh. Environment:
--   BENCH_SESSIONS  file of "nip token csrf" lines (gen.py); unset: no cookie
--   BENCH_METHOD    GET (default) or POST
--   BENCH_BODY      POST body; "%nip" and "%csrf" take the line's values
-- (Requests that must each be sent once, such as quiz submits, go
-- through tests/bench/herd.c -k: wrk runs for a time, not a count.)
-- Each request uses the next session, so requests spread over many learners.
-- done() prints two lines: RESULT req/s p50_ms p99_ms errors (socket
-- errors + answers >= 400, wrk's count) and STATUS with the answers by
-- class (2xx=... 3xx=... 4xx=... 5xx=...), summed over the threads.
local sess = {}
local path = os.getenv("BENCH_SESSIONS")
if path then
	for line in io.lines(path) do
		local nip, tok, csrf = line:match("(%S+) (%S+) (%S+)")
		sess[#sess + 1] = { nip = nip, tok = tok, csrf = csrf }
	end
end
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local n = 0
local threads = {}
c2, c3, c4, c5 = 0, 0, 0, 0	-- per thread; read by done() through thread:get

function setup(thread)
	threads[#threads + 1] = thread
	thread:set("id", math.random(1, 1000000))
end

function init(args)
	n = (id or 0)
end

function request()
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
	if status < 300 then
		c2 = c2 + 1
	elseif status < 400 then
		c3 = c3 + 1
	elseif status < 500 then
		c4 = c4 + 1
	else
		c5 = c5 + 1
	end
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT %.0f %.2f %.2f %d\n",
	    summary.requests / (summary.duration / 1e6),
	    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
	    e.connect + e.read + e.write + e.timeout + e.status))
	local t = { 0, 0, 0, 0 }
	for _, th in ipairs(threads) do
		t[1] = t[1] + (th:get("c2") or 0)
		t[2] = t[2] + (th:get("c3") or 0)
		t[3] = t[3] + (th:get("c4") or 0)
		t[4] = t[4] + (th:get("c5") or 0)
	end
	io.write(string.format("STATUS 2xx=%d 3xx=%d 4xx=%d 5xx=%d\n",
	    t[1], t[2], t[3], t[4]))
end
