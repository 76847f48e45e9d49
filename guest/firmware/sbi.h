#ifndef CARTI_FW_SBI_H
#define CARTI_FW_SBI_H
#include "trap.h"

/* Extension ids (RISC-V SBI specification v2.0). */
#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_CONSOLE_PUTCHAR 0x01
#define SBI_EXT_LEGACY_CONSOLE_GETCHAR 0x02
#define SBI_EXT_LEGACY_CLEAR_IPI 0x03
#define SBI_EXT_LEGACY_SEND_IPI 0x04
#define SBI_EXT_LEGACY_REMOTE_FENCE_I 0x05
#define SBI_EXT_LEGACY_REMOTE_SFENCE_VMA 0x06
#define SBI_EXT_LEGACY_REMOTE_SFENCE_VMA_ASID 0x07
#define SBI_EXT_LEGACY_SHUTDOWN 0x08
/* Cartesi's own legacy extension (spec/cartesi-machine.md §9.8). */
#define SBI_EXT_CARTESI_YIELD 0x09
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_RFENCE 0x52464E43
#define SBI_EXT_HSM 0x48534D
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_DBCN 0x4442434E

#define SBI_SUCCESS 0
#define SBI_ERR_FAILED -1
#define SBI_ERR_NOT_SUPPORTED -2
#define SBI_ERR_INVALID_PARAM -3
#define SBI_ERR_INVALID_ADDRESS -5
#define SBI_ERR_ALREADY_AVAILABLE -6

/* Reported by sbi_get_spec_version: 2.0 (major in bits 30..24). */
#define SBI_SPEC_VERSION (2UL << 24)
/* sbi_get_impl_id: "CART" in ASCII, a number not in the SBI specification's list of implementations. */
#define SBI_IMPL_ID 0x43415254UL
#define SBI_IMPL_VERSION 1UL

/* Handles an ecall from S-mode: reads a7/a6/a0..a5 from the frame, writes a0 (and a1) back. */
void sbi_handle_ecall(struct trap_frame *frame);
/* Programs the CLINT for the next S-mode timer event (also used by the M timer interrupt path). */
void sbi_set_timer(u64 stime_value);
#endif
