// Major opcodes as bits 6:2 of a 32-bit instruction (RISC-V unprivileged spec, opcode map): a dense range, so
// a switch on them compiles to one br_table.
export const OP_LOAD: u32 = 0x03 >> 2;
export const OP_LOAD_FP: u32 = 0x07 >> 2;
export const OP_INTERNAL: u32 = 0x0b >> 2; // custom-0: our expansion of Zcb unary forms (compressed.ts)
export const OP_MISC_MEM: u32 = 0x0f >> 2;
export const OP_IMM: u32 = 0x13 >> 2;
export const OP_AUIPC: u32 = 0x17 >> 2;
export const OP_IMM_32: u32 = 0x1b >> 2;
export const OP_STORE: u32 = 0x23 >> 2;
export const OP_STORE_FP: u32 = 0x27 >> 2;
export const OP_AMO: u32 = 0x2f >> 2;
export const OP_OP: u32 = 0x33 >> 2;
export const OP_LUI: u32 = 0x37 >> 2;
export const OP_OP_32: u32 = 0x3b >> 2;
export const OP_MADD: u32 = 0x43 >> 2;
export const OP_MSUB: u32 = 0x47 >> 2;
export const OP_NMSUB: u32 = 0x4b >> 2;
export const OP_NMADD: u32 = 0x4f >> 2;
export const OP_FP: u32 = 0x53 >> 2;
export const OP_BRANCH: u32 = 0x63 >> 2;
export const OP_JALR: u32 = 0x67 >> 2;
export const OP_JAL: u32 = 0x6f >> 2;
export const OP_SYSTEM: u32 = 0x73 >> 2;
