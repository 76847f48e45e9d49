/**
 * Test helper: load a generated Lua config with the real lua5.4 (`dofile`) and print chosen fields back, one
 * `path=value` per line, strings as hex of their bytes so quoting never hides a difference.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DUMP = `
local config = dofile(arg[1])
local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end
local function dump(prefix, value)
  local kind = type(value)
  if kind == 'table' then
    local keys = {}
    for k in pairs(value) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    for _, k in ipairs(keys) do dump(prefix .. '.' .. tostring(k), value[k]) end
  elseif kind == 'string' then print(prefix .. '=s:' .. hex(value))
  elseif kind == 'number' then print(prefix .. '=n:' .. string.format('0x%x', value))
  else print(prefix .. '=' .. tostring(value)) end
end
dump('config', config)
`;

export interface LuaRun { status: number | null; stdout: string; stderr: string; fields: Map<string, string> }

export function runLuaConfig(luaText: string): LuaRun {
  const dir = mkdtempSync(join(tmpdir(), 'carti-lua-'));
  const configPath = join(dir, 'machine-config.lua');
  const dumpPath = join(dir, 'dump.lua');
  writeFileSync(configPath, luaText);
  writeFileSync(dumpPath, DUMP);
  const result = spawnSync('lua5.4', [dumpPath, configPath], { encoding: 'utf8' });
  const fields = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) fields.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, fields };
}

/** The `s:<hex>` form runLuaConfig prints for a string. */
export function luaStringField(text: string): string {
  return `s:${Buffer.from(text, 'utf8').toString('hex')}`;
}
