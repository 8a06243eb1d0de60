-- Acknowledges an item for the consumer that holds it, and only for it: a consumer whose lease lapsed while it worked
-- must not take the item out of the line from under the consumer that took it over (which may have sent its DELETE
-- and is the one to settle it, or, if it died too, whoever takes it over next).
-- KEYS[1]  the stream of the job's items for one connection
-- ARGV[1]  the consumer group
-- ARGV[2]  this consumer
-- ARGV[3]  the entry id
-- Returns 1 when acknowledged, 0 when it was no longer held by anyone, -1 when another consumer holds it now.
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
if #pending == 0 then
  return 0
end
if pending[1][2] ~= ARGV[2] then
  return -1
end
return redis.call('XACK', KEYS[1], ARGV[1], ARGV[3])
