// IEEE-754 soft-float for the RISC-V F and D extensions (spec §17): pure functions over raw bit
// patterns, integer instructions only. Rounding modes 0 RNE, 1 RTZ, 2 RDN, 3 RUP, 4 RMM (the caller
// resolves DYN and rejects 5-7). Flags accumulate in sf_flags (NX 1, UF 2, OF 4, DZ 8, NV 16).
// NaN boxing of binary32 values in 64-bit registers is the caller's job.

export { sf_flags, sf_clear_flags } from "./common";
export * from "./f32";
export * from "./f64";
export * from "./convert-api";
