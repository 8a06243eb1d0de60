-- Puts items of one connection of a job in line: the connection's stream, its consumer group created when missing.
-- KEYS[1]  the stream of the job's items for one connection
-- ARGV[1]  the consumer group
-- ARGV[2..] the items' positions in the job
-- Returns how many entries the stream holds.
local groups = redis.pcall('XINFO', 'GROUPS', KEYS[1])
local exists = false
if type(groups) == 'table' and groups.err == nil then
  for _, group in ipairs(groups) do
    for i = 1, #group, 2 do
      if group[i] == 'name' and group[i + 1] == ARGV[1] then
        exists = true
      end
    end
  end
end
if not exists then
  redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
end
for i = 2, #ARGV do
  redis.call('XADD', KEYS[1], '*', 'p', ARGV[i])
end
return redis.call('XLEN', KEYS[1])
