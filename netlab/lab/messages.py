"""The lab command's own messages (answer files, evidence, check and grade reports), en + ko.

Each lab module adds its questions and hints to the same ``lab`` catalogue under its number
(``01.O1.queries``); netlab.lab.catalogue imports them all (CATALOGUE_MODULES["lab"]).
"""

from __future__ import annotations

from netlab.i18n import catalogue

M = catalogue("lab", {
    # ---------------------------------------------------------------- answer files
    "answers.missing": ("no answer file here (lab start writes one: answers.md)",
                        "답안 파일이 없습니다(lab start가 answers.md를 만들어 둡니다)"),
    "answers.unreadable": ("cannot read the answer file: {error}", "답안 파일을 읽을 수 없습니다: {error}"),
    "answers.too-big": ("larger than {kib} KiB: not an answer file", "{kib} KiB보다 큽니다: 답안 파일이 아닙니다"),
    "answers.not-utf8": ("not UTF-8 text (save the file as UTF-8)",
                         "UTF-8 텍스트가 아닙니다(파일을 UTF-8로 저장하세요)"),
    "answers.too-long": ("more than {n} lines: not an answer file", "{n}줄이 넘습니다: 답안 파일이 아닙니다"),
    "answers.not-an-answer": ("not an answer line: {text!r} (write '- KEY: value'; free text goes on over "
                              "lines indented by two spaces)",
                              "답 줄이 아닙니다: {text!r} ('- 키: 값'으로 쓰세요. 긴 답은 다음 줄부터 두 칸 "
                              "들여 써서 이어 갑니다)"),
    "answers.unknown-key": ("unknown key {key!r} (the keys are the ones lab start wrote, e.g. O1.queries)",
                            "모르는 키 {key!r} (lab start가 써 둔 키를 쓰세요. 예: O1.queries)"),
    "answers.duplicate": ("{key} answered twice (first on line {first})",
                          "{key} 답이 두 번 있습니다(처음은 {first}번째 줄)"),
    "answers.bad-lab": ("'lab:' must be the lab's number, like 'lab: 01', not {value!r}",
                        "'lab:'에는 'lab: 01'처럼 실습 번호를 쓰세요({value!r} 말고)"),
    "answers.bad-student": ("'student:' is not a student ID: {value!r} (1-24 letters, digits, '.', '_', '-')",
                            "'student:'가 학생 ID가 아닙니다: {value!r} (영문자, 숫자, '.', '_', '-' 1–24자)"),
    "answers.no-lab": ("no 'lab: NN' line at the top", "맨 위에 'lab: NN' 줄이 없습니다"),
    "answers.wrong-lab": ("this is an answer file for lab {found}, not lab {lab}",
                          "실습 {lab}의 답안이 아니라 실습 {found}의 답안입니다"),
    "answers.no-student": ("no 'student: ID' line at the top", "맨 위에 'student: ID' 줄이 없습니다"),
    "answers.other-student": ("the file says 'student: {found}', but this is the work of {want}",
                              "파일에는 'student: {found}'라고 되어 있지만 이 작업은 {want} 학생의 것입니다"),
    # ---------------------------------------------------------------- values
    "value.not-a-number": ("{text!r} is not a number (unit: {unit})", "{text!r}: 숫자가 아닙니다(단위: {unit})"),
    "value.not-an-integer": ("{text!r} is not a whole number", "{text!r}: 정수가 아닙니다"),
    "value.not-a-name": ("{text!r} is not a DNS name", "{text!r}: DNS 이름이 아닙니다"),
    "value.not-a-choice": ("{text!r} is none of: {choices}", "{text!r}: 다음 중 하나로 쓰세요: {choices}"),
    # ---------------------------------------------------------------- evidence
    "evidence.missing": ("no evidence: {file} is missing; run step {step} as the worksheet writes it: "
                         "{command} --save {file}",
                         "증거 없음: 파일 {file}이(가) 없습니다. 실습지의 {step} 단계를 그대로 실행하세요: "
                         "{command} --save {file}"),
    "evidence.malformed": ("{file} is not a readable recording: {error}",
                           "파일 {file}은(는) 읽을 수 있는 기록이 아닙니다: {error}"),
    "evidence.wrong-probe": ("{file} is a {found} recording, not {want}",
                             "파일 {file}은(는) {want} 기록이 아니라 {found} 기록입니다"),
    "evidence.wrong-command": ("{file} is not the recording of step {step} ({command}): run that command "
                               "again with --save {file}",
                               "파일 {file}은(는) {step} 단계({command})의 기록이 아닙니다: 그 명령을 "
                               "--save {file}와 함께 다시 실행하세요"),
    "evidence.wrong-sandbox": ("{file} was recorded in sandbox {found!r}, not in your lab sandbox {want!r}: "
                               "run step {step} again with --sandbox={want}",
                               "파일 {file}은(는) 내 실습 샌드박스 {want!r}가 아니라 {found!r}에서 기록되었습니다: "
                               "{step} 단계를 --sandbox={want}로 다시 실행하세요"),
    "source.variant": ("your variant of the scenario", "내 시나리오 변형"),
    "fail.value": ("you wrote {got}; {source} says {want}", "답: {got} / 증거({source}): {want}"),
    # ---------------------------------------------------------------- the check report
    "check.tag.pass": ("PASS", "통과"),
    "check.tag.fail": ("FAIL", "실패"),
    "check.tag.missing": ("EMPTY", "미답"),
    "check.tag.instructor": ("READ", "강사"),
    "check.title": ("netlab lab check {lab}: student {student} (sandbox {sandbox}, variant {seed})",
                    "netlab lab check {lab}: 학생 {student} (샌드박스 {sandbox}, 변형 {seed})"),
    "check.golden": ("golden mode: the evidence is netlab's own recordings of the default scenario",
                     "골든 모드: 증거는 netlab에 들어 있는 기본 시나리오의 기록입니다"),
    "check.files": ("answers: {answers}    evidence: {evidence}", "답안: {answers}    증거: {evidence}"),
    "check.problems": ("the answer file has {n} problem(s); fix them and check again (nothing was checked):",
                       "답안 파일에 문제가 {n}개 있습니다. 고친 뒤 다시 확인하세요(아무것도 채점하지 않았습니다):"),
    "check.for-instructor": ("for the instructor (free text)", "강사가 읽음(서술형)"),
    "check.not-answered": ("not answered yet", "아직 답하지 않음"),
    "check.look": ("look at: {where}", "볼 곳: {where}"),
    "check.summary": ("{passed} of {checkable} machine-checked answers pass ({failed} fail, {missing} empty); "
                      "{instructor} answers are for the instructor.",
                      "자동 채점 답 {checkable}개 중 {passed}개 통과(실패 {failed}개, 미답 {missing}개). "
                      "강사가 읽을 답 {instructor}개."),
    "check.ok": ("All machine-checked answers pass.", "자동 채점 답이 모두 통과했습니다."),
    "check.not-ok": ("Not done yet: fix the answers marked FAIL or EMPTY and run lab check again.",
                     "아직 끝나지 않았습니다: 실패와 미답인 답을 고친 뒤 lab check를 다시 실행하세요."),
})

M = catalogue("lab", {
    "template.title": ("# netlab lab {lab}: answers of {student}", "# netlab lab {lab}: {student}의 답안"),
    "template.how": ("<!-- One answer per line: '- KEY: value' (numbers may carry their unit: 12.5 ms, 60 s). "
                     "A free-text answer may go on over lines indented by two spaces. "
                     "Check it with: netlab lab check {n} -->",
                     "<!-- 답은 한 줄에 하나: '- 키: 값' (숫자에는 단위를 붙여도 됨: 12.5 ms, 60초). "
                     "서술형 답은 다음 줄부터 두 칸 들여 써서 이어 갈 수 있습니다. "
                     "확인: netlab lab check {n} -->"),
    "template.section.predict": ("Predict (not checked: a wrong prediction is worth keeping)",
                                 "예측(채점하지 않음: 틀린 예측도 남겨 둘 가치가 있음)"),
    "template.section.observe": ("Observe (checked against your evidence)", "관찰(내 증거와 비교해 채점)"),
    "template.section.explain": ("Explain (for the instructor; numbers are checked)",
                                 "설명(강사가 읽음. 숫자는 채점)"),
    "template.section.run": ("Run", "실행"),
    "template.section.other": ("Other", "기타"),
})

M = catalogue("lab", {
    "grade.title": ("# netlab lab grade", "# netlab lab grade"),
    "grade.counts": ("{total} submissions: {checked} checked ({done} with every machine-checked answer right), "
                     "{unreadable} could not be checked.",
                     "제출 {total}개: {checked}개 채점(자동 채점 답이 모두 맞은 것 {done}개), {unreadable}개는 "
                     "채점할 수 없음."),
    "grade.h.key": ("question", "문항"),
    "grade.h.common": ("most common wrong answers", "가장 흔한 오답"),
    "grade.unreadable": ("## Not checked (the answer file has problems)", "## 채점하지 못함(답안 파일에 문제가 있음)"),
    "grade.more": (" (and {n} more)", " (외 {n}개)"),
    "grade.duplicates": ("## Identical evidence in different submissions", "## 서로 다른 제출에 똑같은 증거 파일"),
    "grade.wrote": ("wrote {csv} and {md}", "{csv}, {md} 파일을 썼습니다"),
})

M = catalogue("lab", {
    "cli.list.not-started": ("not started", "시작하지 않음"),
    "cli.list.started": ("started by {student}, not checked yet", "{student} 학생이 시작함, 아직 확인하지 않음"),
    "cli.list.checked": ("checked: {passed} of {checkable} pass", "확인함: {checkable}개 중 {passed}개 통과"),
    "cli.list.done": ("done: {passed} of {checkable} pass", "완료: {checkable}개 중 {passed}개 통과"),
    "start.scenario-header": ("Written by `netlab lab start {lab} --student {student}`: this student's variant of "
                              "the default scenario.\nIt holds answers the lab asks you to find; read it after the "
                              "lab, not before.",
                              "`netlab lab start {lab} --student {student}`가 쓴 파일: 이 학생의 기본 시나리오 변형.\n"
                              "실습이 찾게 하는 답이 들어 있으니 실습 뒤에 읽으세요."),
    "start.title": ("lab {lab} ({title}) for student {student}: variant {seed}",
                    "실습 {lab}({title}), 학생 {student}: 변형 {seed}"),
    "start.dir": ("work directory  {dir}  (your answers: {answers}; the evidence files go here too)",
                  "작업 디렉터리  {dir}  (답안: {answers}. 증거 파일도 여기에 저장)"),
    "start.kept": (", kept as it was", ", 있던 것을 그대로 둠"),
    "start.worksheet": ("worksheet       {path}", "실습지          {path}"),
    "start.up": ("sandbox         {name} is up ({hosts} hosts, {s:.1f} s)",
                 "샌드박스        {name} 실행 중(호스트 {hosts}개, {s:.1f}초)"),
    "start.already-up": ("sandbox         {name} is already up", "샌드박스        {name}: 이미 실행 중"),
    "start.not-up": ("sandbox         {name} not started (--no-up); start it with: netlab sandbox up "
                     "--scenario {scenario} --name {name}",
                     "샌드박스        {name}: 시작하지 않음(--no-up). 시작: netlab sandbox up --scenario {scenario} "
                     "--name {name}"),
    "start.golden": ("golden mode: no sandbox; {n} recordings of the default scenario were copied here: read "
                     "each with netlab report FILE (add --markdown FILE.md to keep it)",
                     "골든 모드: 샌드박스 없음. 기본 시나리오의 기록 {n}개를 여기에 복사했습니다. 각각 netlab report "
                     "FILE로 읽으세요(--markdown FILE.md를 붙이면 저장)"),
    "start.golden-hint": ("no sandbox on this machine? do the lab from netlab's recordings: netlab lab start N "
                          "--student ID --golden",
                          "이 기계에서 샌드박스를 못 띄우나요? netlab의 기록으로 실습하세요: netlab lab start N "
                          "--student ID --golden"),
    "start.shell": ("in your shell   cd {dir} && S={name}    (the worksheets write --sandbox=$S)",
                    "셸에서          cd {dir} && S={name}    (실습지의 명령은 --sandbox=$S를 씀)"),
    "start.shell-golden": ("in your shell   cd {dir} && netlab report r1.rec.json    (and the other rN.rec.json)",
                           "셸에서          cd {dir} && netlab report r1.rec.json    (다른 rN.rec.json도)"),
    "start.check": ("when done       netlab lab check {n}", "다 했으면      netlab lab check {n}"),
    "expected.title": ("lab {lab}, student {student} (variant {seed}, sandbox {sandbox}): expected observations",
                       "실습 {lab}, 학생 {student}(변형 {seed}, 샌드박스 {sandbox}): 예상 관찰값"),
})
