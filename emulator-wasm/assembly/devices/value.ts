// The value a device read produced (module global; set through setDeviceValue by the device modules).
export let g_devValue: u64 = 0;

@inline export function setDeviceValue(v: u64): bool {
  g_devValue = v;
  return true;
}
