-- Gives a held item back without an outcome (its connection stopped, its process leaves): it stays pending for this
-- consumer but counts as idle for the whole lease, so that the next consumer to ask claims it at once and settles it
-- by reading first. XCLAIM with JUSTID adds no delivery.
-- KEYS[1]  the stream of the job's items for the item's connection
-- ARGV[1]  the consumer group
-- ARGV[2]  this consumer
-- ARGV[3]  the item's stream entry
-- ARGV[4]  the claim's fence
-- ARGV[5]  the lease in milliseconds
-- Returns 1 when given back, 0 when this consumer no longer held it.
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
if #pending == 0 or pending[1][2] ~= ARGV[2] or tostring(pending[1][4]) ~= ARGV[4] then
  return 0
end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'IDLE', ARGV[5], 'JUSTID')
return 1
