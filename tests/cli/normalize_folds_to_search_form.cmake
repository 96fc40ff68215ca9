# `fahras normalize`: Quranic spelling and plain spelling give the same search form.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)

fahras_run(quranic ARGS normalize "ٱلرَّحۡمَٰنِ")
fahras_run(plain ARGS normalize "الرحمن")
expect_equal("exit code" "${quranic_code}" 0)
expect_equal("exit code" "${plain_code}" 0)
expect_equal("normalize(ٱلرَّحۡمَٰنِ) vs normalize(الرحمن)" "${quranic_out}" "${plain_out}")
expect_equal("normalize(ٱلرَّحۡمَٰنِ)" "${quranic_out}" "الرحمن\n")

# One output line per argument, in order.
fahras_run(several ARGS normalize "أَحْمَدُ" "مدرسة" "KiTaB")
expect_equal("three arguments" "${several_out}" "احمد\nمدرسه\nkitab\n")

# `--` lets a text start with '-'.
fahras_run(dash ARGS normalize -- "-إلى")
expect_equal("text after --" "${dash_out}" "-الي\n")
