/* Stub bcryptprimitives.dll for running Windows builds under wine 8.0, which lacks
 * ProcessPrng (imported by Rust std's random source). Forwards to RtlGenRandom.
 * Built by scripts/test-windows with x86_64-w64-mingw32-gcc; never shipped. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return RtlGenRandom(data, (ULONG)len);
}
