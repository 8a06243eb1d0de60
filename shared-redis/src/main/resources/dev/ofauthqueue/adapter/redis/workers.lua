-- Counts the processes of one API key seen in the last window, this one included, by Redis's own clock.
-- KEYS[1]  the sorted set of processes, scored by the second each was last seen
-- ARGV[1]  this process's random id
-- ARGV[2]  the window in seconds
-- Returns how many processes were seen within the window.
local now = tonumber(redis.call('TIME')[1])
local window = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('EXPIRE', KEYS[1], window * 2)
return redis.call('ZCARD', KEYS[1])
