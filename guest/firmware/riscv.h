/* CSR numbers, bit fields and helpers used by the firmware (RISC-V privileged spec v1.12;
 * Cartesi's WARL rules in spec/cartesi-machine.md §3.2). */
#ifndef CARTI_FW_RISCV_H
#define CARTI_FW_RISCV_H

typedef unsigned long u64;
typedef long s64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

#define MSTATUS_SIE (1UL << 1)
#define MSTATUS_MIE (1UL << 3)
#define MSTATUS_SPIE (1UL << 5)
#define MSTATUS_MPIE (1UL << 7)
#define MSTATUS_SPP (1UL << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (3UL << MSTATUS_MPP_SHIFT)
#define MSTATUS_FS (3UL << 13)
#define MSTATUS_FS_INITIAL (1UL << 13)
#define MSTATUS_FS_DIRTY (3UL << 13)
#define MSTATUS_MPRV (1UL << 17)
#define MSTATUS_MXR (1UL << 19)

#define PRV_U 0UL
#define PRV_S 1UL
#define PRV_M 3UL

/* mip / mie bits and interrupt causes (§3.4). */
#define IRQ_S_SOFT 1
#define IRQ_M_SOFT 3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT 9
#define MIP_SSIP (1UL << IRQ_S_SOFT)
#define MIP_STIP (1UL << IRQ_S_TIMER)
#define MIP_MTIP (1UL << IRQ_M_TIMER)
#define MIP_SEIP (1UL << IRQ_S_EXT)
#define MIE_MTIE MIP_MTIP
#define MCAUSE_INTERRUPT (1UL << 63)

/* Exception causes (§3.4). */
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS 7
#define CAUSE_USER_ECALL 8
#define CAUSE_SUPERVISOR_ECALL 9
#define CAUSE_MACHINE_ECALL 11
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT 13
#define CAUSE_STORE_PAGE_FAULT 15

#define csr_read(csr)                                        \
  ({                                                         \
    u64 csr_value_;                                          \
    __asm__ volatile("csrr %0, " #csr : "=r"(csr_value_));   \
    csr_value_;                                              \
  })
#define csr_write(csr, value) __asm__ volatile("csrw " #csr ", %0" ::"rK"((u64)(value)))
#define csr_set(csr, bits) __asm__ volatile("csrs " #csr ", %0" ::"rK"((u64)(bits)))
#define csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" ::"rK"((u64)(bits)))

#endif
