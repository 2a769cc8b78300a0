<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <source>绿色发展重点任务督查督办台账</source>
        <translation>Green Development Key Tasks</translation>
    </message>
</context>
<context>
    <name>AssignmentDialog</name>
    <message>
        <source>新增分工</source>
        <translation>New assignment</translation>
    </message>
    <message>
        <source>输入单位名称的任意部分查找</source>
        <translation>Type any part of the unit&apos;s name</translation>
    </message>
    <message>
        <source>具体工作（不填则用任务名称）</source>
        <translation>Work (the task&apos;s title when left empty)</translation>
    </message>
    <message>
        <source>如：2023年6月底前、每季度末、长期坚持</source>
        <translation>e.g. 2023年6月底前, 每季度末, 长期坚持</translation>
    </message>
    <message>
        <source>重点任务</source>
        <translation>Key tasks</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>责任类型</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>具体工作</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>请从列表中选择责任单位（可输入名称的一部分查找）。</source>
        <translation>Choose the responsible unit from the list (type part of its name to find it).</translation>
    </message>
</context>
<context>
    <name>AssignmentPanel</name>
    <message>
        <source>（现行）</source>
        <translation>(in force)</translation>
    </message>
    <message>
        <source>手工登记</source>
        <translation>Entered by hand</translation>
    </message>
    <message>
        <source>在左边的表格中选择一条分工。</source>
        <translation>Select an assignment in the table on the left.</translation>
    </message>
    <message>
        <source>如：2023年6月底前、每季度末、长期坚持</source>
        <translation>e.g. 2023年6月底前, 每季度末, 长期坚持</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>确认单位报送的完成情况</source>
        <translation>Confirm the completion the unit reported</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Send back…</translation>
    </message>
    <message>
        <source>不认可完成情况，退回并说明理由</source>
        <translation>Do not accept the completion: send it back with a reason</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>责任类型</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>具体工作</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>完成状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>进展记录</source>
        <translation>Progress reports</translation>
    </message>
    <message>
        <source>登记延期申请…</source>
        <translation>Record an extension request…</translation>
    </message>
    <message>
        <source>登记单位的延期申请（可直接批准）</source>
        <translation>Record a unit&apos;s request for more time (it can be approved at once)</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>批准所选的延期申请：预警按新的时限计算</source>
        <translation>Approve the selected request: the lights use the new deadline</translation>
    </message>
    <message>
        <source>不予批准</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>不批准所选的延期申请：时限不变</source>
        <translation>Decline the selected request: the deadline stays as it is</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>延期</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <source>修改记录</source>
        <translation>Change log</translation>
    </message>
    <message>
        <source>任务{no}&#x3000;{title}</source>
        <translation>Task {no}  {title}</translation>
    </message>
    <message>
        <source>预警：{light}</source>
        <translation>Light: {light}</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>完成时限：{text}</source>
        <translation>Deadline: {text}</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>现行时限：{text}</source>
        <translation>Deadline in force: {text}</translation>
    </message>
    <message>
        <source>没有已批准的延期。</source>
        <translation>No approved extension.</translation>
    </message>
    <message>
        <source>没有延期申请。</source>
        <translation>No extension requests.</translation>
    </message>
    <message>
        <source>延期（{n}）</source>
        <translation>Extensions ({n})</translation>
    </message>
    <message>
        <source>理由：{reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <source>未说明</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>依据：{reference}</source>
        <translation>Reference: {reference}</translation>
    </message>
    <message>
        <source>审批意见：{note}</source>
        <translation>Decision note: {note}</translation>
    </message>
    <message>
        <source>撤销决定</source>
        <translation>Undo the decision</translation>
    </message>
    <message>
        <source>撤销“{state}”，申请恢复为待审核</source>
        <translation>Undo “{state}”: the request waits for a decision again</translation>
    </message>
    <message>
        <source>撤回申请</source>
        <translation>Withdraw the request</translation>
    </message>
    <message>
        <source>随报送文件导入的申请不能单独撤回：可不予批准，或在“报送”中撤销那批导入</source>
        <translation>A request that came in a return cannot be withdrawn on its own: decline it, or undo that import in Returns</translation>
    </message>
    <message>
        <source>删除这项手工登记的申请（记入修改记录）</source>
        <translation>Remove this request entered by hand (it is logged)</translation>
    </message>
    <message>
        <source>任务{no}&#x3000;{unit}</source>
        <translation>Task {no}  {unit}</translation>
    </message>
    <message>
        <source>已批准延期：{text}。</source>
        <translation>Extension approved: {text}.</translation>
    </message>
    <message>
        <source>已登记延期申请：{text}。</source>
        <translation>Extension request recorded: {text}.</translation>
    </message>
    <message>
        <source>正在登记延期……</source>
        <translation>Recording the extension…</translation>
    </message>
    <message>
        <source>{unit}：{text}。</source>
        <translation>{unit}: {text}.</translation>
    </message>
    <message>
        <source>撤回这项延期申请（延期至{to}）吗？撤回后记入修改记录。</source>
        <translation>Withdraw this extension request (to {to})? The withdrawal is logged.</translation>
    </message>
    <message>
        <source>报送期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>下步计划</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>填报人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>“{name}”不在单位通讯录中。请从列表中选择责任单位，或先在“单位”中添加它。</source>
        <translation>“{name}” is not in the unit directory. Choose the responsible unit from the list, or add it under Units first.</translation>
    </message>
</context>
<context>
    <name>AssignmentsView</name>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>分工</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <source>导入分工表…</source>
        <translation>Import decomposition table…</translation>
    </message>
    <message>
        <source>从本区的任务分工表（Excel）导入分工，导入前先预览</source>
        <translation>Import assignments from the district&apos;s decomposition table (Excel), previewed first</translation>
    </message>
    <message>
        <source>搜索任务、单位、具体工作、进展……（Ctrl+F）</source>
        <translation>Search tasks, units, work, progress… (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All assignments</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>关注</source>
        <translation>Focus</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>在此修改、销号按今天保存，保存后回到最新一期。</source>
        <translation>Changes and closures made here are saved as of today; after saving, the view returns to the latest period.</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部预警</source>
        <translation>All lights</translation>
    </message>
    <message>
        <source>全部章节</source>
        <translation>All sections</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>显示各成员分项</source>
        <translation>Show the members&apos; shares</translation>
    </message>
    <message>
        <source>交由“各乡镇（街道）”等集合承担的工作，分解到每个成员单位一条分项，集合的一行汇总各成员的情况。勾选后列出各成员的分项；按单位筛选时总是列出该单位的分项。</source>
        <translation>Work given to a collective such as 各乡镇（街道） has one share per member unit, and the collective&apos;s line sums them up. Tick to list the members&apos; shares; filtering by a unit always lists that unit&apos;s shares.</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>章节</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>责任领导</source>
        <translation>Leader responsible</translation>
    </message>
    <message>
        <source>新增分工…</source>
        <translation>New assignment…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>确认所选“待销号”事项的完成情况</source>
        <translation>Confirm the selected completions</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Send back…</translation>
    </message>
    <message>
        <source>不认可所选的完成情况，退回并说明理由</source>
        <translation>Do not accept the selected completions: send them back with a reason</translation>
    </message>
    <message>
        <source>编辑栏</source>
        <translation>Edit panel</translation>
    </message>
    <message>
        <source>显示或收起右边的编辑栏（窗口较窄时自动收起，表格的列才能显示完整）</source>
        <translation>Show or hide the edit panel on the right (it folds away by itself in a narrow window, so the table&apos;s columns show whole)</translation>
    </message>
    <message>
        <source>共 {total} 条</source>
        <translation>{total} in all</translation>
    </message>
    <message>
        <source>显示 {shown} / {total} 条</source>
        <translation>Showing {shown} of {total}</translation>
    </message>
    <message>
        <source>任务{no}：</source>
        <translation>Task {no}: </translation>
    </message>
    <message>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>对“{unit}”这条分工的修改还没有保存。要保存吗？</source>
        <translation>Your changes to the assignment of “{unit}” are not saved yet. Save them?</translation>
    </message>
    <message>
        <source>已销号 {n} 项。</source>
        <translation>Confirmed: {n}.</translation>
    </message>
    <message>
        <source>已退回 {n} 项。</source>
        <translation>Sent back: {n}.</translation>
    </message>
</context>
<context>
    <name>BulletinDialog</name>
    <message>
        <source>督查通报</source>
        <translation>Inspection bulletin</translation>
    </message>
    <message>
        <source>第 </source>
        <translation>No. </translation>
    </message>
    <message>
        <source> 期</source>
        <translation> of the year</translation>
    </message>
    <message>
        <source>报送期</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <source>文种</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>期号</source>
        <translation>Issue no.</translation>
    </message>
    <message>
        <source>草稿（保存后可在 Word 或 WPS 中修改“下步要求”等内容）：</source>
        <translation>Draft (after saving, the next steps and the rest can be edited in Word or WPS):</translation>
    </message>
    <message>
        <source>保存 Word…</source>
        <translation>Save as Word…</translation>
    </message>
    <message>
        <source>保存 Word 和 PDF…</source>
        <translation>Save as Word and PDF…</translation>
    </message>
    <message>
        <source>打开 Word 文件</source>
        <translation>Open the Word file</translation>
    </message>
    <message>
        <source>打开 PDF</source>
        <translation>Open the PDF</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在读取……</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>正在生成草稿……</source>
        <translation>Drafting…</translation>
    </message>
    <message>
        <source>{year}年已编到第{last}期。</source>
        <translation>Issues of {year} have reached No. {last}.</translation>
    </message>
    <message>
        <source>{year}年还没有编过期号。</source>
        <translation>No issue has been numbered in {year} yet.</translation>
    </message>
    <message>
        <source>{period}的督查{kind}此前已编为第{earlier}期；如是重新生成同一期，请把期号改为{earlier}。</source>
        <translation>The {kind} for {period} was numbered {earlier} before; if this is the same issue again, set the number to {earlier}.</translation>
    </message>
    <message>
        <source>第{n}期已经用过，请确认不是重号。</source>
        <translation>No. {n} has been used already; make sure it is not a duplicate.</translation>
    </message>
    <message>
        <source>保存督查{kind}</source>
        <translation>Save the {kind}</translation>
    </message>
    <message>
        <source>Word 文件 (*.docx)</source>
        <translation>Word files (*.docx)</translation>
    </message>
    <message>
        <source>正在生成 Word 和 PDF 文件……</source>
        <translation>Writing the Word and PDF files…</translation>
    </message>
    <message>
        <source>正在生成 Word 文件……</source>
        <translation>Writing the Word file…</translation>
    </message>
    <message>
        <source>已生成 PDF：{path}</source>
        <translation>PDF written: {path}</translation>
    </message>
    <message>
        <source>请先打开数据库。</source>
        <translation>Open a database first.</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>暂无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>尚未填写数值</source>
        <translation>No values recorded yet</translation>
    </message>
    <message>
        <source>目标 {value}</source>
        <translation>Target {value}</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>预警</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>配合单位</source>
        <translation>Supporting units</translation>
    </message>
    <message>
        <source>责任领导</source>
        <translation>Leader responsible</translation>
    </message>
    <message>
        <source>重点任务</source>
        <translation>Key task</translation>
    </message>
    <message>
        <source>章节</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>责任类型</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>具体工作</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>{text}（截止 {due}）</source>
        <translation>{text} (due {due})</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>完成状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Closure</translation>
    </message>
    <message>
        <source>最新报送期</source>
        <translation>Latest period</translation>
    </message>
    <message>
        <source>最新进展</source>
        <translation>Latest progress</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>下步计划</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>填报日期</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>预警原因</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>简称/别名</source>
        <translation>Short names</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>配合</source>
        <translation>Cooperate</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>发文机关</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>成文日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>废止文件</source>
        <translation>Repealed by</translation>
    </message>
    <message>
        <source>废止日期</source>
        <translation>Repealed on</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>报送期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>改动</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>改动（原 → 新）</source>
        <translation>Changes (old → new)</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>未报送期</source>
        <translation>Periods not reported</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>共同任务</source>
        <translation>Shared work</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>填报人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>应报分工</source>
        <translation>Assignments owed</translation>
    </message>
    <message>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>牵头分工</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>应报</source>
        <translation>Owed</translation>
    </message>
    <message>
        <source>已报</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>按时率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>滞后</source>
        <translation>Behind</translation>
    </message>
    <message>
        <source>章节 / 重点任务</source>
        <translation>Section / key task</translation>
    </message>
    <message>
        <source>分工</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <source>红</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>黄</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>2025年目标</source>
        <translation>2025 target</translation>
    </message>
    <message>
        <source>完成进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>申请延期至</source>
        <translation>Requested until</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>申请日期</source>
        <translation>Requested on</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>待销号</source>
        <translation>To close</translation>
    </message>
    <message>
        <source>未报送单位</source>
        <translation>Units not reported</translation>
    </message>
    <message>
        <source>未报送情况</source>
        <translation>Missing returns</translation>
    </message>
</context>
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>与上期相比：</source>
        <translation>Compared with the previous period:</translation>
    </message>
    <message>
        <source>正在与上期比较……</source>
        <translation>Comparing with the previous period…</translation>
    </message>
    <message>
        <source>与上期（{since}）相比：</source>
        <translation>Compared with the previous period ({since}):</translation>
    </message>
    <message>
        <source>另有{n}项各乡镇（街道）等集合成员单位承担的分项，点击一并列出</source>
        <translation>Another {n} are members&apos; shares of a collective&apos;s work (such as 各乡镇（街道）); click to list them too</translation>
    </message>
    <message>
        <source>截至{period}末：累计完成{done}，序时进度{time}</source>
        <translation>By the end of {period}: {done} done in all, time elapsed {time}</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>新完成</source>
        <translation>Newly done</translation>
    </message>
    <message>
        <source>新销号</source>
        <translation>Newly closed</translation>
    </message>
    <message>
        <source>新滞后</source>
        <translation>Newly behind</translation>
    </message>
    <message>
        <source>新逾期</source>
        <translation>Newly overdue</translation>
    </message>
    <message>
        <source>预警变化</source>
        <translation>Light changes</translation>
    </message>
    <message>
        <source>连续未报送</source>
        <translation>Not reported in a row</translation>
    </message>
    <message>
        <source>进展与上期相同</source>
        <translation>Same text as last period</translation>
    </message>
    <message>
        <source>总览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>在此销号、退回按今天办理，办理后回到最新一期。</source>
        <translation>Closures and send-backs made here are made as of today; afterwards the view returns to the latest period.</translation>
    </message>
    <message>
        <source>延长规划期…</source>
        <translation>Extend the plan period…</translation>
    </message>
    <message>
        <source>分工总数</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <source>红灯</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>黄灯</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>绿灯</source>
        <translation>Green</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>待销号</source>
        <translation>To confirm</translation>
    </message>
    <message>
        <source>未报送单位</source>
        <translation>Units not reported</translation>
    </message>
    <message>
        <source>按分工计：每个单位的每项具体工作计1项，牵头、配合各计1项，与打印的逾期清单一致</source>
        <translation>Counted by assignment: each unit&apos;s each piece of work counts once, lead and cooperating alike, as in the printed overdue list</translation>
    </message>
    <message>
        <source>按完成状态：</source>
        <translation>By status:</translation>
    </message>
    <message>
        <source>按章节（分工数，按预警分色）</source>
        <translation>By section (assignments, coloured by light)</translation>
    </message>
    <message>
        <source>按单位（红灯、黄灯最多的 {n} 个单位）</source>
        <translation>By unit (the {n} units with most red and yellow lights)</translation>
    </message>
    <message>
        <source>销号所选</source>
        <translation>Confirm selected</translation>
    </message>
    <message>
        <source>退回所选…</source>
        <translation>Send back selected…</translation>
    </message>
    <message>
        <source>单位报送“已完成”的事项，核实后销号；不认可的退回并说明理由。可按住 Ctrl 或 Shift 多选，一次处理。</source>
        <translation>Completions reported by units: confirm them after checking, or send them back with a reason. Hold Ctrl or Shift to select several at once.</translation>
    </message>
    <message>
        <source>考评</source>
        <translation>Scores</translation>
    </message>
    <message>
        <source>与上期相比</source>
        <translation>Compared with the previous period</translation>
    </message>
    <message>
        <source>列出</source>
        <translation>List</translation>
    </message>
    <message>
        <source>双击一行，在“分工”中查看</source>
        <translation>Double-click a line to see it in Assignments</translation>
    </message>
    <message>
        <source>与上期相比（{list}{n}）</source>
        <translation>Compared with the previous period ({list} {n})</translation>
    </message>
    <message>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>累计（自首次报送起）</source>
        <translation>So far (since the first returns)</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>督办文件（{n}件，双击一行查看该文件）</source>
        <translation>Documents followed ({n}; double-click a row to show that document)</translation>
    </message>
    <message>
        <source>全部文件合计：任务 {tasks} 项，分工 {work} 条，已完成 {done} 条，已逾期 {overdue} 条，即将到期 {soon} 条，待销号 {pending} 条。下面是“{shown}”的情况。</source>
        <translation>All documents together: {tasks} tasks, {work} assignments, {done} completed, {overdue} overdue, {soon} due soon, {pending} to close. Below: &quot;{shown}&quot;.</translation>
    </message>
    <message>
        <source>今天 {today}&#x3000;·&#x3000;预警提前 {days} 天</source>
        <translation>Today {today}  ·  warnings {days} days ahead</translation>
    </message>
    <message>
        <source>{days} 天内到期</source>
        <translation>due within {days} days</translation>
    </message>
    <message>
        <source>已逾期（{n}）</source>
        <translation>Overdue ({n})</translation>
    </message>
    <message>
        <source>即将到期（{n}）</source>
        <translation>Due soon ({n})</translation>
    </message>
    <message>
        <source>待销号（{n}）</source>
        <translation>To confirm ({n})</translation>
    </message>
    <message>
        <source>未报送单位（{n}）</source>
        <translation>Units not reported ({n})</translation>
    </message>
    <message>
        <source>规划期 {start} 至 {end}&#x3000;·&#x3000;序时进度 {percent}%</source>
        <translation>Plan period {start} to {end}  ·  time elapsed {percent}%</translation>
    </message>
    <message>
        <source>规划期截止日期已改为{date}。</source>
        <translation>The plan period now ends on {date}.</translation>
    </message>
    <message>
        <source>规划期截止日期本来就是{date}。</source>
        <translation>The plan period already ends on {date}.</translation>
    </message>
    <message>
        <source>已销号 {n} 项。</source>
        <translation>Confirmed: {n}.</translation>
    </message>
    <message>
        <source>已退回 {n} 项。</source>
        <translation>Sent back: {n}.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <source>退回 {n} 项完成情况：状态改回“推进中”，退回理由记入修改记录。请填写退回理由：</source>
        <translation>Send back {n} completions: the status returns to “in progress” and the reason is logged. Reason:</translation>
    </message>
    <message>
        <source>例如：佐证材料不全，请补充后重新报送。</source>
        <translation>For example: the supporting documents are incomplete; please add them and report again.</translation>
    </message>
    <message>
        <source>{y}年{m}月{d}日</source>
        <translation>{d}/{m}/{y}</translation>
    </message>
    <message>
        <source>延长规划期</source>
        <translation>Extend the plan period</translation>
    </message>
    <message>
        <source>文件原定规划期至{planned}，现为{start}至{end}。请选择新的截止日期：</source>
        <translation>The document set the plan period to end on {planned}; it now runs from {start} to {end}. Choose the new end date:</translation>
    </message>
    <message>
        <source>规划期截止日期</source>
        <translation>End of the plan period</translation>
    </message>
    <message>
        <source>周期性任务（每年、每季度）按新的截止日期顺延，预警随之改变；这项更改记入修改记录，用这个数据库的同事都会看到。</source>
        <translation>Recurring work (every year, every quarter) goes on to the new end date and the lights change with it; the change is logged, and every colleague using this database sees it.</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DocumentSettingsDialog</name>
    <message>
        <source>公文设置</source>
        <translation>Document settings</translation>
    </message>
    <message>
        <source>督查通报、专报等发出的公文使用以下内容，全办共用，保存在数据库中。</source>
        <translation>The bulletins, reports and other documents the office sends use the following; they are shared by the whole office and kept in the database.</translation>
    </message>
    <message>
        <source>如 南川区政务督查</source>
        <translation>e.g. 南川区政务督查</translation>
    </message>
    <message>
        <source>发文单位</source>
        <translation>Issuing office</translation>
    </message>
    <message>
        <source>报头</source>
        <translation>Masthead</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>抄送</source>
        <translation>Copy to</translation>
    </message>
    <message>
        <source>下步要求</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>每行一段，如“一是……”“二是……”；留空则恢复默认内容。</source>
        <translation>One paragraph a line, such as 一是…… 二是……; leave it empty for the default text.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>DocumentsView</name>
    <message>
        <source>文件</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>登记新文件…</source>
        <translation>Register a new document…</translation>
    </message>
    <message>
        <source>从文件正文（.docx、.txt、.pdf）或粘贴的文字读出文号、标题和任务，预览核对后登记</source>
        <translation>Read the document number, title and tasks from the document&apos;s text (.docx, .txt, .pdf) or pasted text; check the preview, then register</translation>
    </message>
    <message>
        <source>登记批示或议定事项…</source>
        <translation>Register an instruction or decision…</translation>
    </message>
    <message>
        <source>登记区领导的批示或会议的议定事项，像一项任务一样分工、报送、预警和销号</source>
        <translation>Register a district leader&apos;s instruction or a meeting&apos;s decisions, tracked like a task: assignments, returns, lights and closure</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>修改所选文件的文号、标题、发文机关或成文日期（双击一行也可）</source>
        <translation>Edit the selected document&apos;s number, title, issuing body or date (or double-click a row)</translation>
    </message>
    <message>
        <source>废止…</source>
        <translation>Repeal…</translation>
    </message>
    <message>
        <source>登记所选文件已被废止：填写废止它的文件的文号和废止日期</source>
        <translation>Record that the selected document was repealed: the number of the repealing document and the date</translation>
    </message>
    <message>
        <source>恢复有效…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>把所选的已废止文件恢复为有效（原废止记录保留在修改记录中）</source>
        <translation>Make the selected repealed document valid again (the repeal stays in the change log)</translation>
    </message>
    <message>
        <source>文件登记</source>
        <translation>Document register</translation>
    </message>
    <message>
        <source>登记督办的政策文件及其状态。废止的文件注明废止它的文件和日期；只有“有效”的文件需要督办。</source>
        <translation>The policy documents under supervision and their status. A repealed document names the document that repealed it and the date; only documents in force are supervised.</translation>
    </message>
    <message>
        <source>共登记 {n} 件文件，其中有效 {active} 件、废止 {repealed} 件。</source>
        <translation>{n} documents registered: {active} in force, {repealed} repealed.</translation>
    </message>
    <message>
        <source>《{title}》（{no}）已于 {date} 由 {by} 废止。</source>
        <translation>“{title}” ({no}) was repealed on {date} by {by}.</translation>
    </message>
    <message>
        <source>《{title}》（{no}）现行有效，含重点任务 {n} 项。</source>
        <translation>“{title}” ({no}) is in force and has {n} key tasks.</translation>
    </message>
    <message>
        <source>登记修改记录：</source>
        <translation>Register changes:</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Excel 表格 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已生成 {n} 份报送模板（{period}），保存在：
{folder}</source>
        <translation>{n} return templates made ({period}), saved in:
{folder}</translation>
    </message>
    <message>
        <source>
另附下发通知：{file}</source>
        <translation>
With the covering notice: {file}</translation>
    </message>
    <message>
        <source>正在生成报送模板……</source>
        <translation>Making the return templates…</translation>
    </message>
    <message>
        <source>导出总台账</source>
        <translation>Export ledger</translation>
    </message>
    <message>
        <source>正在导出总台账……</source>
        <translation>Exporting the ledger…</translation>
    </message>
    <message>
        <source>已导出总台账：
{file}</source>
        <translation>Ledger exported:
{file}</translation>
    </message>
    <message>
        <source>导出指标</source>
        <translation>Export indicators</translation>
    </message>
    <message>
        <source>正在导出指标……</source>
        <translation>Exporting indicators…</translation>
    </message>
    <message>
        <source>已导出指标：
{file}</source>
        <translation>Indicators exported:
{file}</translation>
    </message>
    <message>
        <source>导出单位通讯录</source>
        <translation>Export unit directory</translation>
    </message>
    <message>
        <source>正在导出单位通讯录……</source>
        <translation>Exporting the unit directory…</translation>
    </message>
    <message>
        <source>已导出单位通讯录：
{file}</source>
        <translation>Unit directory exported:
{file}</translation>
    </message>
    <message>
        <source>导出考评排名</source>
        <translation>Export unit ranking</translation>
    </message>
    <message>
        <source>正在导出考评排名……</source>
        <translation>Exporting the unit ranking…</translation>
    </message>
    <message>
        <source>已导出考评排名：
{file}</source>
        <translation>Unit ranking exported:
{file}</translation>
    </message>
    <message>
        <source>导入指标数值</source>
        <translation>Import indicator values</translation>
    </message>
    <message>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>正在导入指标……</source>
        <translation>Importing indicators…</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <source>登记延期申请</source>
        <translation>Record an extension request</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>如：2023年9月底前、2023年9月15日、2023-09-30</source>
        <translation>e.g. 2023年9月底前, 2023年9月15日, 2023-09-30</translation>
    </message>
    <message>
        <source>单位申请延期的理由，如：设备到货延迟，需顺延一个季度。</source>
        <translation>The unit&apos;s reason, e.g. the equipment arrives late and the work needs another quarter.</translation>
    </message>
    <message>
        <source>单位来函的文号或文件名（可不填）</source>
        <translation>The number or file name of the unit&apos;s letter (optional)</translation>
    </message>
    <message>
        <source>直接批准</source>
        <translation>Approve now</translation>
    </message>
    <message>
        <source>不勾选：只登记申请，稍后在“延期”中批准或不予批准</source>
        <translation>Unticked: only record the request, and approve or decline it later under Extensions</translation>
    </message>
    <message>
        <source>延期至</source>
        <translation>Extend to</translation>
    </message>
    <message>
        <source>延期理由</source>
        <translation>Reason for the extension</translation>
    </message>
    <message>
        <source>来函</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>延期至{words}（{iso}）</source>
        <translation>Extend to {words} ({iso})</translation>
    </message>
    <message>
        <source>登记并批准</source>
        <translation>Record and approve</translation>
    </message>
    <message>
        <source>登记申请</source>
        <translation>Record the request</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>Excel 表格</source>
        <translation>Excel workbooks</translation>
    </message>
    <message>
        <source>WPS 表格</source>
        <translation>WPS spreadsheets</translation>
    </message>
    <message>
        <source>ODS 表格</source>
        <translation>ODS spreadsheets</translation>
    </message>
    <message>
        <source>CSV 文件</source>
        <translation>CSV files</translation>
    </message>
    <message>
        <source>网页表格</source>
        <translation>Web-page tables</translation>
    </message>
    <message>
        <source>PDF 文件</source>
        <translation>PDF files</translation>
    </message>
    <message>
        <source>数据库文件</source>
        <translation>Database files</translation>
    </message>
    <message>
        <source>Word 文档</source>
        <translation>Word documents</translation>
    </message>
    <message>
        <source>文本文件</source>
        <translation>Text files</translation>
    </message>
    <message>
        <source>磁盘</source>
        <translation>Drive</translation>
    </message>
    <message>
        <source>文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>{suffix} 文件</source>
        <translation>{suffix} file</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xlsm *.xlsb *.xls *.et *.ods *.csv *.htm *.html);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.xlsb *.xls *.et *.ods *.csv *.htm *.html);;All files (*)</translation>
    </message>
</context>
<context>
    <name>Filters</name>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>待销号</source>
        <translation>To confirm</translation>
    </message>
    <message>
        <source>本期未报送</source>
        <translation>No return this period</translation>
    </message>
    <message>
        <source>完成时限未识别</source>
        <translation>Deadline not understood</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>手工录入</source>
        <translation>Entered by hand</translation>
    </message>
    <message>
        <source>已被新报送替代</source>
        <translation>Replaced by a newer return</translation>
    </message>
</context>
<context>
    <name>IndicatorModel</name>
    <message>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
</context>
<context>
    <name>IndicatorsView</name>
    <message>
        <source>指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>导入指标数值…</source>
        <translation>Import indicator values…</translation>
    </message>
    <message>
        <source>导出指标…</source>
        <translation>Export indicators…</translation>
    </message>
    <message>
        <source>绿色发展目标指标</source>
        <translation>Green development indicators</translation>
    </message>
    <message>
        <source>双击年份单元格填写当年数值（清空即删除）；每次修改都记入修改记录。完成进度＝最近一年数值÷2025年目标。</source>
        <translation>Double-click a year&apos;s cell to enter that year&apos;s value (empty it to delete); every change is logged. Progress = latest value ÷ 2025 target.</translation>
    </message>
    <message>
        <source>所选指标</source>
        <translation>Selected indicator</translation>
    </message>
    <message>
        <source>2025年目标：{target}{unit}；尚未填写数值。</source>
        <translation>2025 target: {target} {unit}; no values recorded yet.</translation>
    </message>
    <message>
        <source>2025年目标：{target}{unit}；{year}年：{value}{unit}，完成进度 {progress}。</source>
        <translation>2025 target: {target} {unit}; {year}: {value} {unit}, progress {progress}.</translation>
    </message>
    <message>
        <source>责任单位：{units}</source>
        <translation>Responsible units: {units}</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>登记领导批示或会议议定事项</source>
        <translation>Register a leader&apos;s instruction or a meeting&apos;s decisions</translation>
    </message>
    <message>
        <source>批办性：交办单位落实并报送；指导性：单位参照落实；参阅性：只供阅知，不分解、不需报送</source>
        <translation>To act on: the units carry it out and report; guidance: the units follow it; for reference: for reading only, no units, no returns</translation>
    </message>
    <message>
        <source>批示类别</source>
        <translation>Kind of instruction</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>议定事项</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <source>新增一项</source>
        <translation>Add one</translation>
    </message>
    <message>
        <source>删除此项</source>
        <translation>Remove this one</translation>
    </message>
    <message>
        <source>用作标题，如：凤嘴江水质改善（不填取内容的第一句）</source>
        <translation>Used as the title, e.g. 凤嘴江水质改善 (left empty: the text&apos;s first sentence)</translation>
    </message>
    <message>
        <source>如：区生态环境局；多个单位用“、”分开</source>
        <translation>e.g. 区生态环境局; separate several units with “、”</translation>
    </message>
    <message>
        <source>可不填；多个单位用“、”分开</source>
        <translation>Optional; separate several units with “、”</translation>
    </message>
    <message>
        <source>如：2023年6月底前、2023-06-30、长期坚持</source>
        <translation>e.g. 2023年6月底前, 2023-06-30, 长期坚持</translation>
    </message>
    <message>
        <source>负责督促落实的区领导</source>
        <translation>The district leader who sees it carried out</translation>
    </message>
    <message>
        <source>参阅性批示只供阅知：不分解给单位，不填完成时限，不需要报送。</source>
        <translation>An instruction for reference is for reading only: no units, no deadline, no returns.</translation>
    </message>
    <message>
        <source>事项简称</source>
        <translation>Short subject</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>配合单位</source>
        <translation>Supporting units</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>责任领导</source>
        <translation>Leader responsible</translation>
    </message>
    <message>
        <source>自动新建通讯录中没有的单位</source>
        <translation>Create units that are not in the directory</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>批示领导</source>
        <translation>Given by</translation>
    </message>
    <message>
        <source>会议名称</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>如：张区长</source>
        <translation>e.g. 张区长</translation>
    </message>
    <message>
        <source>如：区政府第12次常务会议</source>
        <translation>e.g. 区政府第12次常务会议</translation>
    </message>
    <message>
        <source>批示内容</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <source>事项内容</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>批办单编号；不填则按年度编号，如 领导批示〔2023〕第1号</source>
        <translation>Number of the referral slip; left empty, numbered within the year, e.g. 领导批示〔2023〕第1号</translation>
    </message>
    <message>
        <source>会议纪要文号，如 会议纪要〔2023〕12号；不填则按年度编号</source>
        <translation>Number of the minutes, e.g. 会议纪要〔2023〕12号; left empty, numbered within the year</translation>
    </message>
    <message>
        <source>负责督促落实的区领导（不填为批示领导）</source>
        <translation>The district leader who sees it carried out (left empty: the one who gave the instruction)</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>正在登记……</source>
        <translation>Registering…</translation>
    </message>
</context>
<context>
    <name>LedgerDialog</name>
    <message>
        <source>导出总台账</source>
        <translation>Export ledger</translation>
    </message>
    <message>
        <source>总台账：每条具体工作一行，含牵头单位的状态和预警、各单位最新进展，另有统计表和未报送单位表。</source>
        <translation>The ledger: one row per piece of work with the lead unit&apos;s status and light and every unit&apos;s latest progress, plus a statistics sheet and a sheet of units that have not reported.</translation>
    </message>
    <message>
        <source>报送期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>下一步…</source>
        <translation>Next…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>南川府发〔2022〕34号 — {name}</source>
        <translation>南川府发〔2022〕34号 — {name}</translation>
    </message>
    <message>
        <source>打开数据库文件…</source>
        <translation>Open database file…</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>备份数据库…</source>
        <translation>Back up database…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>导入进展报送…</source>
        <translation>Import progress returns…</translation>
    </message>
    <message>
        <source>导入各单位报来的进展情况表（Ctrl+I）</source>
        <translation>Import the progress returns sent by the units (Ctrl+I)</translation>
    </message>
    <message>
        <source>导入分工表…</source>
        <translation>Import decomposition table…</translation>
    </message>
    <message>
        <source>导入本区的任务分工表：先预览改动，不认识的单位可对应或新建</source>
        <translation>Import the district&apos;s decomposition table: preview the changes first; units the directory does not know can be mapped or created</translation>
    </message>
    <message>
        <source>导入单位通讯录…</source>
        <translation>Import unit directory…</translation>
    </message>
    <message>
        <source>导入指标数值…</source>
        <translation>Import indicator values…</translation>
    </message>
    <message>
        <source>登记新文件…</source>
        <translation>Register a new document…</translation>
    </message>
    <message>
        <source>从文件正文读出文号、标题和任务，预览核对后登记</source>
        <translation>Read the document number, title and tasks from its text; check the preview, then register</translation>
    </message>
    <message>
        <source>登记批示或议定事项…</source>
        <translation>Register an instruction or decision…</translation>
    </message>
    <message>
        <source>导出报送模板…</source>
        <translation>Export return templates…</translation>
    </message>
    <message>
        <source>为各单位生成本期进展情况表（Ctrl+E）</source>
        <translation>Make this period&apos;s progress return forms for the units (Ctrl+E)</translation>
    </message>
    <message>
        <source>导出总台账…</source>
        <translation>Export ledger…</translation>
    </message>
    <message>
        <source>导出指标…</source>
        <translation>Export indicators…</translation>
    </message>
    <message>
        <source>导出单位通讯录…</source>
        <translation>Export unit directory…</translation>
    </message>
    <message>
        <source>导出考评排名…</source>
        <translation>Export unit ranking…</translation>
    </message>
    <message>
        <source>打印预览…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <source>预览要打印的推进情况表</source>
        <translation>Preview the status sheet to print</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>打印推进情况表（Ctrl+P）</source>
        <translation>Print the status sheet (Ctrl+P)</translation>
    </message>
    <message>
        <source>导出PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>把推进情况表保存为 PDF 文件</source>
        <translation>Save the status sheet as a PDF file</translation>
    </message>
    <message>
        <source>督查通报…</source>
        <translation>Inspection bulletin…</translation>
    </message>
    <message>
        <source>生成本期督查通报或专报（Word 文件，可同时生成 PDF）</source>
        <translation>Write this period&apos;s bulletin or report to the leaders (a Word file, with a PDF if wanted)</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新读取数据库（F5）</source>
        <translation>Read the database again (F5)</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>How to use</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>导入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>导出(&amp;E)</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>语言 / Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>选择其他数据库…</source>
        <translation>Choose another database…</translation>
    </message>
    <message>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>正在打开数据库……</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>已载入数据。</source>
        <translation>Data loaded.</translation>
    </message>
    <message>
        <source>无法打开数据库：
{message}</source>
        <translation>Cannot open the database:
{message}</translation>
    </message>
    <message>
        <source>无法打开数据库。</source>
        <translation>Cannot open the database.</translation>
    </message>
    <message>
        <source>默认数据库</source>
        <translation>default database</translation>
    </message>
    <message>
        <source>数据库：{db}</source>
        <translation>Database: {db}</translation>
    </message>
    <message>
        <source>今天：{today}</source>
        <translation>Today: {today}</translation>
    </message>
    <message>
        <source>（指定）</source>
        <translation> (given)</translation>
    </message>
    <message>
        <source>&#x3000;报送期：{period}</source>
        <translation>   Period: {period}</translation>
    </message>
    <message>
        <source>{doc} — {name}</source>
        <translation>{doc} — {name}</translation>
    </message>
    <message>
        <source>修改按今天保存，已回到最新一期。</source>
        <translation>The change is saved as of today; the view is back on the latest period.</translation>
    </message>
    <message>
        <source>正在刷新……</source>
        <translation>Refreshing…</translation>
    </message>
    <message>
        <source>数据库还没有打开，请稍候再试。</source>
        <translation>The database is not open yet; please try again in a moment.</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>打印功能暂不可用（程序的打印组件没有安装完整）。可以先“导出总台账”后在 Excel 或 WPS 中打印。</source>
        <translation>Printing is not available (the printing part of the program is not installed completely). You can export the ledger and print it from Excel or WPS.</translation>
    </message>
    <message>
        <source>打开或新建数据库文件</source>
        <translation>Open or create a database file</translation>
    </message>
    <message>
        <source>数据库文件 (*.db *.sqlite);;所有文件 (*)</source>
        <translation>Database files (*.db *.sqlite);;All files (*)</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>服务器数据库请用数据库自带的备份工具备份。</source>
        <translation>Back up a server database with the server&apos;s own backup tools.</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Back up database</translation>
    </message>
    <message>
        <source>数据库文件 (*.db)</source>
        <translation>Database files (*.db)</translation>
    </message>
    <message>
        <source>已备份到：{path}</source>
        <translation>Backed up to: {path}</translation>
    </message>
    <message>
        <source>正在备份……</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>&lt;b&gt;日常工作的顺序&lt;/b&gt;&lt;ol&gt;&lt;li&gt;“导出”菜单 → 导出报送模板（Ctrl+E），发给各单位填写；&lt;/li&gt;&lt;li&gt;收回后在“报送”页把文件拖进来，先看预览，确认无误再导入（Ctrl+I）；&lt;/li&gt;&lt;li&gt;在“总览”查看红灯、黄灯、逾期和未报送单位，点数字可查看对应分工；&lt;/li&gt;&lt;li&gt;单位报送“已完成”的事项，核实后在“分工”或“总览”中销号，或退回；&lt;/li&gt;&lt;li&gt;“打印”菜单打印推进情况表，或导出总台账。&lt;/li&gt;&lt;/ol&gt;&lt;b&gt;快捷键&lt;/b&gt;：Ctrl+F 查找，Ctrl+I 导入，Ctrl+E 导出模板，Ctrl+P 打印，F5 刷新，Ctrl+1…7 切换页面，回车打开所选行。</source>
        <translation>&lt;b&gt;The daily routine&lt;/b&gt;&lt;ol&gt;&lt;li&gt;Export menu → Export return templates (Ctrl+E) and send them to the units;&lt;/li&gt;&lt;li&gt;when they come back, drop the files on the Returns page, check the preview, then import (Ctrl+I);&lt;/li&gt;&lt;li&gt;on the Overview, look at red and yellow lights, overdue work and units that have not reported; click a number to see the assignments behind it;&lt;/li&gt;&lt;li&gt;completions reported by units wait for confirmation: confirm or send them back in Assignments or on the Overview;&lt;/li&gt;&lt;li&gt;print the status sheet from the Print menu, or export the ledger.&lt;/li&gt;&lt;/ol&gt;&lt;b&gt;Keys&lt;/b&gt;: Ctrl+F find, Ctrl+I import, Ctrl+E export templates, Ctrl+P print, F5 refresh, Ctrl+1…7 switch pages, Enter opens the selected row.</translation>
    </message>
    <message>
        <source>&lt;b&gt;绿色发展重点任务督查督办台账&lt;/b&gt;&lt;br&gt;版本 {version}&lt;br&gt;&lt;br&gt;督办《重庆市南川区人民政府关于加快推进绿色发展的实施意见》（南川府发〔2022〕34号）34项重点任务的分工、报送、预警和考评。</source>
        <translation>&lt;b&gt;Green Development Key Tasks — Supervision Ledger&lt;/b&gt;&lt;br&gt;Version {version}&lt;br&gt;&lt;br&gt;Tracks the assignments, progress returns, warnings and unit scores of the 34 key tasks of the Nanchuan District Government&apos;s opinions on accelerating green development (南川府发〔2022〕34号).</translation>
    </message>
</context>
<context>
    <name>MembersEditor</name>
    <message>
        <source>集合成员</source>
        <translation>Members of the collective</translation>
    </message>
    <message>
        <source>筛选单位</source>
        <translation>Filter units</translation>
    </message>
    <message>
        <source>保存成员</source>
        <translation>Save members</translation>
    </message>
    <message>
        <source>恢复默认成员</source>
        <translation>Restore the default members</translation>
    </message>
    <message>
        <source>按集合名称确定成员：含“乡镇”“街道”的为全部乡镇街道，含“部门”的为全部区级部门</source>
        <translation>Members follow the collective&apos;s name: one naming 乡镇 or 街道 has every town, one naming 部门 every district department</translation>
    </message>
    <message>
        <source>成员由本办指定，共 {n} 个单位。</source>
        <translation>The office chose the members: {n} units.</translation>
    </message>
    <message>
        <source>成员按集合名称默认确定，共 {n} 个单位；勾选调整后保存，即改为本办指定的成员。</source>
        <translation>The members follow the collective&apos;s name by default: {n} units; tick or untick and save to choose them yourself.</translation>
    </message>
    <message>
        <source>已选 {n} 个</source>
        <translation>{n} selected</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>合并单位</source>
        <translation>Merge units</translation>
    </message>
    <message>
        <source>把“{name}”并入下面选择的单位：它的 {n} 条分工转到该单位，“{name}”及其简称成为该单位的简称，“{name}”从通讯录中去掉。此操作记入修改记录。</source>
        <translation>Merge “{name}” into the unit chosen below: its {n} assignments move to that unit, “{name}” and its short names become short names of that unit, and “{name}” leaves the directory. The merge is logged.</translation>
    </message>
    <message>
        <source>并入</source>
        <translation>Merge into</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>请从列表中选择要并入的单位。</source>
        <translation>Choose the unit to merge into from the list.</translation>
    </message>
</context>
<context>
    <name>NewUnitDialog</name>
    <message>
        <source>新增单位</source>
        <translation>New unit</translation>
    </message>
    <message>
        <source>单位全称，如：区发展改革委</source>
        <translation>Full name, e.g. 区发展改革委</translation>
    </message>
    <message>
        <source>简称，多个用“、”分开</source>
        <translation>Short names, separated by “、”</translation>
    </message>
    <message>
        <source>报送用的邮箱，多个用“；”分开</source>
        <translation>Addresses the unit reports from; separate several with “；”</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>简称/别名</source>
        <translation>Short names</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>请填写单位全称。</source>
        <translation>Please enter the unit&apos;s full name.</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>正在生成通知……</source>
        <translation>Writing the notices…</translation>
    </message>
</context>
<context>
    <name>NoticesDialog</name>
    <message>
        <source>生成催报通知</source>
        <translation>Write reminder notices</translation>
    </message>
    <message>
        <source>每个单位生成一份 Word 通知（一页）：催报通知发给本期应报未报的单位，督办通知发给有逾期或进度滞后工作的单位。生成后登记发送时间和方式，总台账的“未报送”表显示催报时间和方式。</source>
        <translation>One Word notice (one page) per unit: reminders go to the units that owe this period&apos;s return, supervision notices to units with overdue or lagging work. Sending is recorded with its date and way, which the ledger&apos;s missing-returns sheet shows.</translation>
    </message>
    <message>
        <source>报送期</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <source>{kind}通知</source>
        <translation>{kind} notice</translation>
    </message>
    <message>
        <source>通知种类</source>
        <translation>Kind of notice</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保存到文件夹</source>
        <translation>Save to folder</translation>
    </message>
    <message>
        <source>发送方式</source>
        <translation>Sent by</translation>
    </message>
    <message>
        <source>登记发送记录（时间为今天）</source>
        <translation>Record the sending (dated today)</translation>
    </message>
    <message>
        <source>同时生成 PDF（需要 LibreOffice）</source>
        <translation>Also write PDFs (needs LibreOffice)</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Write</translation>
    </message>
    <message>
        <source>选择保存通知的文件夹</source>
        <translation>Choose the folder for the notices</translation>
    </message>
    <message>
        <source>请选择保存通知的文件夹。</source>
        <translation>Choose the folder for the notices.</translation>
    </message>
    <message>
        <source>请填写发送方式，如 政务邮箱、电话、书面。</source>
        <translation>Say how they are sent, e.g. government mail, phone, letter.</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>销号</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>所选分工中没有待销号的事项。</source>
        <translation>None of the selected assignments is waiting for confirmation.</translation>
    </message>
    <message>
        <source>正在销号……</source>
        <translation>Confirming…</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <source>只有“已完成”的分工才能退回。</source>
        <translation>Only completed assignments can be sent back.</translation>
    </message>
    <message>
        <source>正在退回……</source>
        <translation>Sending back…</translation>
    </message>
    <message>
        <source>正在添加分工……</source>
        <translation>Adding the assignment…</translation>
    </message>
    <message>
        <source>确定删除所选的 {n} 条分工吗？它们的报送记录也会一并删除（修改记录中保留）。</source>
        <translation>Remove the {n} selected assignments? Their progress reports are removed with them (the change log keeps them).</translation>
    </message>
    <message>
        <source>删除分工</source>
        <translation>Remove assignments</translation>
    </message>
    <message>
        <source>正在删除……</source>
        <translation>Removing…</translation>
    </message>
</context>
<context>
    <name>Outcomes</name>
    <message>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>不能导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <source>重复，跳过</source>
        <translation>Duplicate, skipped</translation>
    </message>
    <message>
        <source>可以导入</source>
        <translation>Can import</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>未处理</source>
        <translation>Not processed</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>PeriodControls</name>
    <message>
        <source>报送期</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <source>查看所选报送期的情况：各单位当期及以前的报送、当期报送截止日以前的修改和销号，预警按当期报送截止日计算</source>
        <translation>See the office as it stood for the chosen period: the returns for it and earlier ones, the changes and closures up to its reporting day, and the lights of that day</translation>
    </message>
    <message>
        <source>回到最新一期</source>
        <translation>Back to the latest period</translation>
    </message>
    <message>
        <source>回到最近结束的一期，查看最新的情况</source>
        <translation>Go back to the latest ended period and the newest state</translation>
    </message>
    <message>
        <source>{period}（最新一期）</source>
        <translation>{period} (latest)</translation>
    </message>
    <message>
        <source>{period}（未结束）</source>
        <translation>{period} (not ended)</translation>
    </message>
    <message>
        <source>正在查看{period}的情况（截至报送截止日{day}）：之后的报送和修改不计入。</source>
        <translation>Viewing {period} as of its reporting day {day}: later returns and changes are not counted.</translation>
    </message>
    <message>
        <source>正在查看{period}的情况：本期还没有结束，“未报送”按本期计算。</source>
        <translation>Viewing {period}: it has not ended yet, and missing returns are counted for it.</translation>
    </message>
</context>
<context>
    <name>PlanDocument</name>
    <message>
        <source>原文序号：{marker}</source>
        <translation>Numbered in the document: {marker}</translation>
    </message>
    <message>
        <source>{units}（通讯录中没有：{missing}）</source>
        <translation>{units} (not in the directory: {missing})</translation>
    </message>
</context>
<context>
    <name>PlanDocumentDialog</name>
    <message>
        <source>登记新文件</source>
        <translation>Register a new document</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <source>请选择文件正文（.docx、.txt 或有文字层的 .pdf），或在“粘贴文字”中粘贴全文。</source>
        <translation>Choose the document&apos;s text (.docx, .txt, or a .pdf with a text layer), or paste the whole text under “Paste text”.</translation>
    </message>
    <message>
        <source>如 南川府办发〔2023〕12号</source>
        <translation>e.g. 南川府办发〔2023〕12号</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>文号：</source>
        <translation>Number:</translation>
    </message>
    <message>
        <source>成文日期：</source>
        <translation>Dated:</translation>
    </message>
    <message>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>发文机关：</source>
        <translation>Issued by:</translation>
    </message>
    <message>
        <source>文件中的哪一级编号是一项任务；换一级会重新分出任务。</source>
        <translation>Which level of numbering is one task; choosing another level splits the tasks again.</translation>
    </message>
    <message>
        <source>任务在：</source>
        <translation>Tasks at:</translation>
    </message>
    <message>
        <source>对应单位…</source>
        <translation>Map units…</translation>
    </message>
    <message>
        <source>选中一项任务，这里显示它在文件中的全文。</source>
        <translation>Select a task to see its whole text from the document here.</translation>
    </message>
    <message>
        <source>把文件的全文（从文件标题到落款日期）复制后粘贴在这里，然后点“读出任务”。</source>
        <translation>Copy the document&apos;s whole text (from its title to its date) and paste it here, then click “Read tasks”.</translation>
    </message>
    <message>
        <source>读出任务</source>
        <translation>Read tasks</translation>
    </message>
    <message>
        <source>粘贴文字</source>
        <translation>Paste text</translation>
    </message>
    <message>
        <source>预览不会写入任何内容。登记前会自动备份数据库；登记后可在“报送”页的“导入记录”中撤销。</source>
        <translation>The preview writes nothing. The database is backed up before registering; a registration can be undone from Import history on the Returns page.</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>确认登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>选择文件正文</source>
        <translation>Choose the document&apos;s text</translation>
    </message>
    <message>
        <source>文件正文 (*.docx *.txt *.pdf);;所有文件 (*)</source>
        <translation>Document text (*.docx *.txt *.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取“{file}”……</source>
        <translation>Reading “{file}”…</translation>
    </message>
    <message>
        <source>请先把文件的全文粘贴在“粘贴文字”中。</source>
        <translation>First paste the document&apos;s whole text under “Paste text”.</translation>
    </message>
    <message>
        <source>正在读出粘贴的文字……</source>
        <translation>Reading the pasted text…</translation>
    </message>
    <message>
        <source>正在重新分出任务……</source>
        <translation>Splitting the tasks again…</translation>
    </message>
    <message>
        <source>正在检查……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>已取消检查，没有写入任何内容。</source>
        <translation>Check cancelled; nothing was written.</translation>
    </message>
    <message>
        <source>文件：{file}</source>
        <translation>File: {file}</translation>
    </message>
    <message>
        <source>粘贴的文字</source>
        <translation>Pasted text</translation>
    </message>
    <message>
        <source>文件中没有找到文号（分解方案常常没有自己的文号），请填写文号后再登记。</source>
        <translation>The document has no number (breakdown plans often have none); fill in a number, then register.</translation>
    </message>
    <message>
        <source>请填写文号。</source>
        <translation>Please fill in the document number.</translation>
    </message>
    <message>
        <source>请填写文件标题。</source>
        <translation>Please fill in the document&apos;s title.</translation>
    </message>
    <message>
        <source>其中 {n} 项写明了责任单位</source>
        <translation>{n} of them name their units</translation>
    </message>
    <message>
        <source>第{no}项</source>
        <translation>Task {no}</translation>
    </message>
    <message>
        <source>没有分出任务，不能登记。请看“问题和提示”，或换一个层级。</source>
        <translation>No tasks were found, so nothing can be registered. See “Problems and notes”, or choose another level.</translation>
    </message>
    <message>
        <source>读出重点任务 {n} 项，其中 {u} 项写明了责任单位。</source>
        <translation>{n} key tasks read, {u} of them naming their units.</translation>
    </message>
    <message>
        <source>还不能登记：有 {n} 个单位不在单位通讯录中。</source>
        <translation>Cannot register yet: {n} units are not in the unit directory.</translation>
    </message>
    <message>
        <source>另有 {n} 处错误（见“问题和提示”）。</source>
        <translation>{n} more errors (see “Problems and notes”).</translation>
    </message>
    <message>
        <source>还不能登记：有 {n} 处错误（见“问题和提示”）。</source>
        <translation>Cannot register yet: {n} errors (see “Problems and notes”).</translation>
    </message>
    <message>
        <source>将登记分工 {n} 条</source>
        <translation>{n} assignments will be registered</translation>
    </message>
    <message>
        <source>，新建单位 {n} 个</source>
        <translation>, {n} new units</translation>
    </message>
    <message>
        <source>。请核对后点“确认登记”。</source>
        <translation>. Check, then click “Register”.</translation>
    </message>
    <message>
        <source>文件中有 {n} 个单位不在单位通讯录中：{names}。请为每个名称选择对应的已知单位（保存为简称），或新建该单位，然后才能登记。</source>
        <translation>{n} units in the document are not in the unit directory: {names}. For each name, choose the known unit (saved as a short name) or create it; then you can register.</translation>
    </message>
    <message>
        <source>已选择的单位对应（确认登记时一并保存）：{list}</source>
        <translation>Units mapped (saved when you register): {list}</translation>
    </message>
    <message>
        <source>修改对应…</source>
        <translation>Change mapping…</translation>
    </message>
    <message>
        <source>任务（{n}）</source>
        <translation>Tasks ({n})</translation>
    </message>
    <message>
        <source>问题和提示（{n}）</source>
        <translation>Problems and notes ({n})</translation>
    </message>
    <message>
        <source>问题和提示（{n}，其中错误 {e}）</source>
        <translation>Problems and notes ({n}, {e} errors)</translation>
    </message>
    <message>
        <source>第{nos}项任务</source>
        <translation>Tasks {nos}</translation>
    </message>
    <message>
        <source>文件“{file}”中的下列单位名称不在单位通讯录中。请为每个名称选择它指的是哪个已知单位，或者新建这个单位。选择后会重新预览，确认登记时才写入。</source>
        <translation>These unit names in “{file}” are not in the unit directory. For each, choose the known unit it means, or create the unit. The preview is redone; nothing is written until you register.</translation>
    </message>
    <message>
        <source>正在登记文件……</source>
        <translation>Registering the document…</translation>
    </message>
    <message>
        <source>已登记《{title}》（{no}）：重点任务 {n} 项、分工 {m} 条。</source>
        <translation>Registered “{title}” ({no}): {n} key tasks, {m} assignments.</translation>
    </message>
    <message>
        <source>新建单位：{names}。</source>
        <translation>New units: {names}.</translation>
    </message>
    <message>
        <source>登记前已自动备份数据库；如需撤销，请到“报送”页的“导入记录”。</source>
        <translation>The database was backed up first; to undo, go to Import history on the Returns page.</translation>
    </message>
    <message>
        <source>已取消，没有登记任何内容。</source>
        <translation>Cancelled; nothing was registered.</translation>
    </message>
    <message>
        <source>登记完成</source>
        <translation>Registered</translation>
    </message>
</context>
<context>
    <name>PlanEditDialog</name>
    <message>
        <source>修改文件登记</source>
        <translation>Edit the document&apos;s registration</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>修改{named}的登记内容。</source>
        <translation>Edit the registration of {named}.</translation>
    </message>
    <message>
        <source>如：重庆市南川区人民政府办公室</source>
        <translation>e.g. 重庆市南川区人民政府办公室</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>发文机关</source>
        <translation>Issuing body</translation>
    </message>
    <message>
        <source>成文日期</source>
        <translation>Date of the document</translation>
    </message>
    <message>
        <source>这是程序自带的文件登记，文号和标题是文件本身的，不能修改（重新初始化数据库时按文号核对）；发文机关、成文日期可以修改。</source>
        <translation>This registration comes with the program: its number and title are the document&apos;s own and cannot be changed (initialising the database again matches them by number); the issuing body and the date can be changed.</translation>
    </message>
    <message>
        <source>更正登记时写错的文号；按原文号下发的报送模板仍能认出本文件</source>
        <translation>Correct a number entered wrongly; templates sent out under the old number still find this document</translation>
    </message>
    <message>
        <source>文号不能为空。</source>
        <translation>The document number cannot be empty.</translation>
    </message>
    <message>
        <source>标题不能为空。</source>
        <translation>The title cannot be empty.</translation>
    </message>
</context>
<context>
    <name>PlanImport</name>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>表中第{rows}行</source>
        <translation>Table rows {rows}</translation>
    </message>
    <message>
        <source>选择任务分工表</source>
        <translation>Choose a decomposition table</translation>
    </message>
</context>
<context>
    <name>PlanImportDialog</name>
    <message>
        <source>导入分工表</source>
        <translation>Import decomposition table</translation>
    </message>
    <message>
        <source>导入分工表：{file}</source>
        <translation>Import decomposition table: {file}</translation>
    </message>
    <message>
        <source>对应单位…</source>
        <translation>Map units…</translation>
    </message>
    <message>
        <source>预览不会写入任何内容。导入前会自动备份数据库；导入后可在“报送”页的“导入记录”中撤销。</source>
        <translation>The preview writes nothing. The database is backed up automatically before the import; the import can be undone under Returns → Import history.</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>正在检查分工表……</source>
        <translation>Checking the decomposition table…</translation>
    </message>
    <message>
        <source>已取消检查，没有导入任何内容。</source>
        <translation>Check cancelled; nothing was imported.</translation>
    </message>
    <message>
        <source>分工表共 {rows} 行，还不能导入：有 {n} 个单位不在单位通讯录中。</source>
        <translation>The table has {rows} rows and cannot be imported yet: {n} unit(s) are not in the unit directory.</translation>
    </message>
    <message>
        <source>不能导入：分工表中有 {n} 处错误（见“错误和提示”）。请在 Excel 中改正后重新导入；没有写入任何内容。</source>
        <translation>Cannot be imported: the table has {n} error(s) (see “Errors and warnings”). Correct them in Excel and import again; nothing was written.</translation>
    </message>
    <message>
        <source>分工表共 {rows} 行，分工与数据库中的完全一致；确认后只保存所选单位的简称。</source>
        <translation>The table has {rows} rows and its assignments are exactly those in the database; importing only saves the chosen units&apos; aliases.</translation>
    </message>
    <message>
        <source>分工表共 {rows} 行，与数据库中的分工完全一致，没有需要导入的改动。</source>
        <translation>The table has {rows} rows and matches the assignments in the database exactly; there is nothing to import.</translation>
    </message>
    <message>
        <source>分工表共 {rows} 行：将新增 {added} 条分工，更新 {updated} 条分工。</source>
        <translation>The table has {rows} rows: {added} assignment(s) will be added and {updated} updated.</translation>
    </message>
    <message>
        <source>分工表共 {rows} 行：将新增 {added} 条分工。</source>
        <translation>The table has {rows} rows: {added} assignment(s) will be added.</translation>
    </message>
    <message>
        <source>分工表共 {rows} 行：将更新 {updated} 条分工。</source>
        <translation>The table has {rows} rows: {updated} assignment(s) will be updated.</translation>
    </message>
    <message>
        <source>将新建单位 {n} 个：{names}。</source>
        <translation> {n} unit(s) will be created: {names}.</translation>
    </message>
    <message>
        <source>将保存简称 {n} 个。</source>
        <translation> {n} alias(es) will be saved.</translation>
    </message>
    <message>
        <source>请核对后点“确认导入”。</source>
        <translation> Check them, then click “Import”.</translation>
    </message>
    <message>
        <source>表中有 {n} 个单位不在单位通讯录中：{names}。为每个名称选择对应的已知单位（保存为简称），或新建该单位，然后才能导入。</source>
        <translation>{n} unit(s) in the table are not in the unit directory: {names}. For each name choose the known unit it means (saved as an alias), or create the unit; then the table can be imported.</translation>
    </message>
    <message>
        <source>已选择的单位对应（确认导入时一并保存）：{list}</source>
        <translation>Units mapped (saved with the import): {list}</translation>
    </message>
    <message>
        <source>修改对应…</source>
        <translation>Change mapping…</translation>
    </message>
    <message>
        <source>将要写入的改动（{n}）</source>
        <translation>Changes to be written ({n})</translation>
    </message>
    <message>
        <source>错误和提示（{n}）</source>
        <translation>Errors and warnings ({n})</translation>
    </message>
    <message>
        <source>确认导入 {n} 处改动</source>
        <translation>Import {n} change(s)</translation>
    </message>
    <message>
        <source>分工表“{file}”中的下列单位名称不在单位通讯录中。请为每个名称选择它指的是哪个已知单位，或者新建这个单位。选择后会重新预览，确认导入时才写入。</source>
        <translation>These unit names in the table “{file}” are not in the unit directory. For each name choose the known unit it means, or create the unit. The preview is then made again; nothing is written until you import.</translation>
    </message>
    <message>
        <source>正在导入分工表……</source>
        <translation>Importing the decomposition table…</translation>
    </message>
    <message>
        <source>已导入分工表“{file}”：新增 {added} 条分工，更新 {updated} 条分工。</source>
        <translation>Imported the decomposition table “{file}”: {added} assignment(s) added, {updated} updated.</translation>
    </message>
    <message>
        <source>新建单位：{names}。</source>
        <translation> Units created: {names}.</translation>
    </message>
    <message>
        <source>保存简称：{list}。</source>
        <translation> Aliases saved: {list}.</translation>
    </message>
    <message>
        <source>导入前已自动备份数据库；如需撤销，请到“报送”页的“导入记录”。</source>
        <translation> The database was backed up before the import; to undo it, go to Returns → Import history.</translation>
    </message>
    <message>
        <source>已取消，没有导入任何内容。</source>
        <translation>Cancelled; nothing was imported.</translation>
    </message>
    <message>
        <source>这份分工表以前已经导入过（内容完全相同），这次没有写入任何内容。</source>
        <translation>This decomposition table was imported before (identical content); nothing was written this time.</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
</context>
<context>
    <name>PlanRegister</name>
    <message>
        <source>《{title}》（{no}）</source>
        <translation>《{title}》 ({no})</translation>
    </message>
    <message>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>恢复有效</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>把{named}恢复为有效吗？

现登记为：{words}。

恢复后它重新导出报送模板、接收报送和预警；原废止记录保留在修改记录中。</source>
        <translation>Make {named} valid again?

Now registered as: {words}.

Once restored it has templates, takes returns and raises warnings again; the repeal stays in the change log.</translation>
    </message>
</context>
<context>
    <name>PlanSelector</name>
    <message>
        <source>（已废止）</source>
        <translation> (repealed)</translation>
    </message>
    <message>
        <source>督办文件：</source>
        <translation>Document:</translation>
    </message>
    <message>
        <source>总览、任务、分工、报送模板、台账、报表、通报、通知和考评按所选文件显示</source>
        <translation>Overview, tasks, assignments, templates, ledger, reports, bulletins, notices and scores show the selected document</translation>
    </message>
</context>
<context>
    <name>RepealDialog</name>
    <message>
        <source>废止文件</source>
        <translation>Repeal the document</translation>
    </message>
    <message>
        <source>废止</source>
        <translation>Repeal</translation>
    </message>
    <message>
        <source>登记{named}已废止。</source>
        <translation>Record that {named} was repealed.</translation>
    </message>
    <message>
        <source>废止后，该文件不再导出报送模板、生成催报督办通知、接收报送，也不再预警；它的分工、报送和修改记录都保留，需要时可以恢复有效。</source>
        <translation>Once repealed, the document has no templates, no reminders or supervision notices, takes no returns and raises no warnings; its assignments, returns and change log are kept, and it can be restored when needed.</translation>
    </message>
    <message>
        <source>废止它的文件的文号，如 南川府发〔2022〕33号</source>
        <translation>The number of the document that repeals it, e.g. 南川府发〔2022〕33号</translation>
    </message>
    <message>
        <source>废止文号</source>
        <translation>Repealed by</translation>
    </message>
    <message>
        <source>废止日期</source>
        <translation>Date of repeal</translation>
    </message>
    <message>
        <source>请填写废止文号，即废止该文件的文件的文号（如 南川府发〔2022〕33号）。</source>
        <translation>Please give the number of the document that repeals this one (e.g. 南川府发〔2022〕33号).</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>导出PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>单位名称或简称</source>
        <translation>Unit name or short name</translation>
    </message>
    <message>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>累计（自首次报送起至本期）</source>
        <translation>So far (from the first returns to this period)</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>报送期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>考评范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>统计截至：{day}（预警按这一天计算）</source>
        <translation>As of: {day} (lights computed for this day)</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>正在读取……</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>全部需要督办的单位（或输入一个单位）</source>
        <translation>All units under supervision (or type a unit)</translation>
    </message>
    <message>
        <source>请选择或输入一个单位。</source>
        <translation>Choose or type a unit.</translation>
    </message>
    <message>
        <source>正在导出PDF……</source>
        <translation>Exporting the PDF…</translation>
    </message>
    <message>
        <source>正在打印第 {n} 页……</source>
        <translation>Printing page {n}…</translation>
    </message>
    <message>
        <source>打印预览 — {name}</source>
        <translation>Print preview — {name}</translation>
    </message>
    <message>
        <source>打印 — {name}</source>
        <translation>Print — {name}</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>无法写入“{path}”：文件可能正被其他程序（如 PDF 阅读器）打开，或没有写入权限。请关闭该文件后再试，或换一个文件名。

{error}</source>
        <translation>Cannot write “{path}”: the file may be open in another program (such as a PDF reader), or you may not have write permission. Close the file and try again, or choose another name.

{error}</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已保存{name}，共{pages}页：
{path}</source>
        <translation>Saved {name}, {pages} pages:
{path}</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>请先打开数据库。</source>
        <translation>Open a database first.</translation>
    </message>
</context>
<context>
    <name>ReturnsView</name>
    <message>
        <source>报送</source>
        <translation>Returns</translation>
    </message>
    <message>
        <source>生成催报通知…</source>
        <translation>Write reminder notices…</translation>
    </message>
    <message>
        <source>为未报送的单位各生成一份催报通知（Word），并登记催报时间和方式</source>
        <translation>Write a reminder notice (Word) for each unit that has not reported, and record when and how it was sent</translation>
    </message>
    <message>
        <source>导入进展报送</source>
        <translation>Import progress returns</translation>
    </message>
    <message>
        <source>把各单位报来的进展情况表（Excel 文件、.zip 压缩包、保存的邮件）或整个文件夹拖到这里</source>
        <translation>Drop the units&apos; progress returns here (Excel files, .zip archives, saved mails) or a whole folder</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose files…</translation>
    </message>
    <message>
        <source>选择文件夹…</source>
        <translation>Choose a folder…</translation>
    </message>
    <message>
        <source>报送期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>报送期和单位一般从表格中自动识别，识别不出时才需要在这里指定。</source>
        <translation>Period and unit are normally read from the files; choose them here only when they cannot be found.</translation>
    </message>
    <message>
        <source>还没有选择文件。</source>
        <translation>No files chosen yet.</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>对应填报单位…</source>
        <translation>Map reporting unit…</translation>
    </message>
    <message>
        <source>错误和提示</source>
        <translation>Errors and warnings</translation>
    </message>
    <message>
        <source>将要写入的改动</source>
        <translation>Changes to be written</translation>
    </message>
    <message>
        <source>导入预览</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <source>撤销这批导入…</source>
        <translation>Undo this import…</translation>
    </message>
    <message>
        <source>每次导入的每个文件是一批。撤销一批会恢复导入前的数据（撤销本身也记入修改记录）。</source>
        <translation>Each file of an import is one batch. Undoing a batch restores the data as it was before (the undo is logged too).</translation>
    </message>
    <message>
        <source>导入记录</source>
        <translation>Import history</translation>
    </message>
    <message>
        <source>自动识别</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>{period}未报送：{n} 个单位</source>
        <translation>Not reported for {period}: {n} units</translation>
    </message>
    <message>
        <source>确认导入 {n} 个文件</source>
        <translation>Import {n} files</translation>
    </message>
    <message>
        <source>进展情况表、压缩包和邮件 (*.xlsx *.xlsm *.xlsb *.xls *.et *.ods *.csv *.htm *.html *.zip *.eml *.msg *.mbox);;表格文件 (*.xlsx *.xlsm *.xlsb *.xls *.et *.ods *.csv *.htm *.html);;压缩包 (*.zip);;邮件 (*.eml *.msg *.mbox);;所有文件 (*)</source>
        <translation>Returns, archives and mails (*.xlsx *.xlsm *.xlsb *.xls *.et *.ods *.csv *.htm *.html *.zip *.eml *.msg *.mbox);;Spreadsheets (*.xlsx *.xlsm *.xlsb *.xls *.et *.ods *.csv *.htm *.html);;Zip archives (*.zip);;Mails (*.eml *.msg *.mbox);;All files (*)</translation>
    </message>
    <message>
        <source>选择进展情况表</source>
        <translation>Choose progress returns</translation>
    </message>
    <message>
        <source>选择存放进展情况表的文件夹</source>
        <translation>Choose the folder holding the progress returns</translation>
    </message>
    <message>
        <source>正在检查文件……</source>
        <translation>Checking the files…</translation>
    </message>
    <message>
        <source>另有 {n} 个文件不是进展情况表，未处理（列表中写明了原因）。</source>
        <translation> {n} more files are not returns and were not processed (the list says why).</translation>
    </message>
    <message>
        <source>所选位置中没有找到进展情况表（Excel 表格、.zip 压缩包或保存的邮件）。</source>
        <translation>No returns found where you chose (Excel workbooks, .zip archives or saved mails).</translation>
    </message>
    <message>
        <source>已取消，没有导入任何内容。</source>
        <translation>Cancelled; nothing was imported.</translation>
    </message>
    <message>
        <source>共 {n} 个文件：可以导入 {ok} 个（{rows} 行，{changes} 处改动），不能导入 {refused} 个，重复 {dup} 个。确认前不会写入任何内容。</source>
        <translation>{n} files: {ok} can be imported ({rows} rows, {changes} changes), {refused} cannot, {dup} duplicates. Nothing is written until you confirm.</translation>
    </message>
    <message>
        <source>错误和提示（{n}）</source>
        <translation>Errors and warnings ({n})</translation>
    </message>
    <message>
        <source>将要写入的改动（{n}）</source>
        <translation>Changes to be written ({n})</translation>
    </message>
    <message>
        <source>{files} 个文件的填报单位不在单位通讯录中：{names}。选择它对应的已知单位（保存为简称）或新建该单位后，这些文件就能导入。</source>
        <translation>The reporting unit of {files} file(s) is not in the unit directory: {names}. Choose the known unit it means (saved as an alias) or create the unit, and these files can be imported.</translation>
    </message>
    <message>
        <source>文件：{files}</source>
        <translation>File: {files}</translation>
    </message>
    <message>
        <source>下列填报单位不在单位通讯录中。请为每个名称选择它指的是哪个已知单位，或者新建这个单位；保存后重新预览这些文件。</source>
        <translation>These reporting units are not in the unit directory. For each name choose the known unit it means, or create the unit; the files are then previewed again.</translation>
    </message>
    <message>
        <source>已保存：{list}。</source>
        <translation>Saved: {list}.</translation>
    </message>
    <message>
        <source>正在保存单位……</source>
        <translation>Saving the units…</translation>
    </message>
    <message>
        <source>已导入 {n} 个文件，共 {rows} 行。</source>
        <translation>Imported {n} files, {rows} rows.</translation>
    </message>
    <message>
        <source>导入前已自动备份数据库：{file}。</source>
        <translation>The database was backed up before the import: {file}.</translation>
    </message>
    <message>
        <source>正在导入……</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>撤销“{file}”这批导入（{when}）？这批导入写入的进展将被删除，被它替代的旧报送恢复有效。</source>
        <translation>Undo the import of “{file}” ({when})? The progress it wrote is removed and the returns it replaced become current again.</translation>
    </message>
    <message>
        <source>撤销导入</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <source>正在撤销……</source>
        <translation>Undoing…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>正在使用：{db}</source>
        <translation>In use: {db}</translation>
    </message>
    <message>
        <source>本机上的数据库文件</source>
        <translation>A database file on this computer</translation>
    </message>
    <message>
        <source>数据库文件请放在本机硬盘上，不要放在共享文件夹或网络盘上：几台电脑同时通过网络使用一个数据库文件，数据会损坏。几台电脑共用一套台账时，请使用下面的服务器数据库。选择一个新文件名即新建数据库（自动载入内置文件和单位通讯录）。</source>
        <translation>Keep the database file on this computer&apos;s own disk, not on a shared folder or network drive: several computers using one database file over the network will damage its data. For a ledger shared by several computers, use a server database below. Choosing a new file name creates a new database (the built-in document and unit directory are loaded).</translation>
    </message>
    <message>
        <source>服务器数据库（几台电脑共用）</source>
        <translation>A server database (shared by several computers)</translation>
    </message>
    <message>
        <source>例如 192.168.1.10</source>
        <translation>e.g. 192.168.1.10</translation>
    </message>
    <message>
        <source>已保存过的不必再填</source>
        <translation>No need to type it again once saved</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>数据库名</source>
        <translation>Database name</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>服务器的地址、数据库名和用户名由管理服务器的同事提供。密码保存在本机的系统凭据管理器中，不写入任何文件。</source>
        <translation>The colleague who runs the server gives you its address, the database name and the user name. The password is kept in this computer&apos;s credential manager, never in a file.</translation>
    </message>
    <message>
        <source>更换数据库后，程序重新载入数据。</source>
        <translation>After the database is changed, the program loads its data again.</translation>
    </message>
    <message>
        <source>报送宽限天数</source>
        <translation>Reporting allowance (days)</translation>
    </message>
    <message>
        <source>报送期结束后多少天内报送；往期的情况按此截止日查看</source>
        <translation>Days after a period&apos;s end within which its returns are due; past periods are seen as of that day</translation>
    </message>
    <message>
        <source>公文（全办共用，保存在数据库中）</source>
        <translation>Documents (shared by the office, kept in the database)</translation>
    </message>
    <message>
        <source>督查通报、专报的发文单位、报头、联系人和电话、抄送、下步要求。</source>
        <translation>The issuing office, masthead, contact and phone, copy-to list and next steps of the bulletins and reports.</translation>
    </message>
    <message>
        <source>公文设置…</source>
        <translation>Document settings…</translation>
    </message>
    <message>
        <source>服务器 {host} 上的数据库 {database}（用户名 {user}）</source>
        <translation>Database {database} on server {host} (user {user})</translation>
    </message>
    <message>
        <source>（未打开）</source>
        <translation>(not open)</translation>
    </message>
    <message>
        <source>请填写服务器地址，例如 192.168.1.10。</source>
        <translation>Please fill in the server address, e.g. 192.168.1.10.</translation>
    </message>
    <message>
        <source>服务器地址“{host}”不对：只填写地址本身，例如 192.168.1.10 或 db.example.gov.cn。</source>
        <translation>The server address “{host}” is not right: give the address alone, e.g. 192.168.1.10 or db.example.gov.cn.</translation>
    </message>
    <message>
        <source>请填写数据库名（通常是 greentasks）。</source>
        <translation>Please fill in the database name (usually greentasks).</translation>
    </message>
    <message>
        <source>请填写用户名。</source>
        <translation>Please fill in the user name.</translation>
    </message>
    <message>
        <source>请选择数据库文件，或点“浏览…”新建一个。</source>
        <translation>Please choose a database file, or click “Browse…” to make a new one.</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>预警和报送（全办共用，保存在数据库中）</source>
        <translation>Warnings and reporting (shared by the whole office, kept in the database)</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>到期前多少天亮黄灯</source>
        <translation>Yellow light this many days before due</translation>
    </message>
    <message>
        <source>报送周期</source>
        <translation>Reporting cycle</translation>
    </message>
    <message>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>语言 / Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <source>选择或新建数据库文件</source>
        <translation>Choose or create a database file</translation>
    </message>
    <message>
        <source>数据库文件 (*.db *.sqlite);;所有文件 (*)</source>
        <translation>Database files (*.db *.sqlite);;All files (*)</translation>
    </message>
</context>
<context>
    <name>TaskTreeModel</name>
    <message>
        <source>责任领导：{names}</source>
        <translation>Leader in charge: {names}</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>在任务名称和原文中查找（Ctrl+F）</source>
        <translation>Search task titles and text (Ctrl+F)</translation>
    </message>
    <message>
        <source>重点任务</source>
        <translation>Key tasks</translation>
    </message>
    <message>
        <source>在“分工”中查看</source>
        <translation>Show in Assignments</translation>
    </message>
    <message>
        <source>分工</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <source>责任领导：{names}</source>
        <translation>Leader in charge: {names}</translation>
    </message>
    <message>
        <source>{n} 条</source>
        <translation>{n}</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>导出报送模板</source>
        <translation>Export return templates</translation>
    </message>
    <message>
        <source>为每个单位生成一份《进展情况表》，预先填好该单位的分工和最近一次报送的内容，发给各单位填写后收回导入。</source>
        <translation>Makes one progress return form per unit, pre-filled with its assignments and its latest report. Send them to the units, then import what comes back.</translation>
    </message>
    <message>
        <source>报送期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>所有有分工的单位</source>
        <translation>Every unit with assignments</translation>
    </message>
    <message>
        <source>选择单位：</source>
        <translation>Chosen units:</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保存到文件夹</source>
        <translation>Save to folder</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>选择保存模板的文件夹</source>
        <translation>Choose the folder for the templates</translation>
    </message>
    <message>
        <source>文件夹“{folder}”不存在，请重新选择。</source>
        <translation>The folder “{folder}” does not exist; please choose another.</translation>
    </message>
    <message>
        <source>请至少勾选一个单位，或选择“所有有分工的单位”。</source>
        <translation>Tick at least one unit, or choose “Every unit with assignments”.</translation>
    </message>
</context>
<context>
    <name>UnitChoice</name>
    <message>
        <source>最接近的已知单位</source>
        <translation>Closest known units</translation>
    </message>
    <message>
        <source>通讯录中没有这个单位</source>
        <translation>Not in the directory</translation>
    </message>
    <message>
        <source>新建单位“{name}”（类别：{category}）</source>
        <translation>New unit “{name}” (category: {category})</translation>
    </message>
    <message>
        <source>全部单位（可输入名称查找）</source>
        <translation>All units (type to search)</translation>
    </message>
    <message>
        <source>简称：{aliases}</source>
        <translation>Aliases: {aliases}</translation>
    </message>
    <message>
        <source>请选择，或输入单位名称查找</source>
        <translation>Choose, or type a unit&apos;s name to search</translation>
    </message>
</context>
<context>
    <name>UnitMapping</name>
    <message>
        <source>“{name}” → 新建单位</source>
        <translation>&quot;{name}&quot; → new unit</translation>
    </message>
    <message>
        <source>“{name}” → {unit}（保存为简称）</source>
        <translation>&quot;{name}&quot; → {unit} (saved as an alias)</translation>
    </message>
    <message>
        <source>新建单位“{name}”</source>
        <translation>new unit “{name}”</translation>
    </message>
    <message>
        <source>“{name}”保存为“{unit}”的简称</source>
        <translation>“{name}” saved as an alias of “{unit}”</translation>
    </message>
</context>
<context>
    <name>UnitMappingDialog</name>
    <message>
        <source>对应单位</source>
        <translation>Map units</translation>
    </message>
    <message>
        <source>下面这些单位名称不在单位通讯录中。请为每个名称选择它指的是哪个已知单位，或者新建这个单位。</source>
        <translation>These unit names are not in the unit directory. For each name choose the known unit it means, or create the unit.</translation>
    </message>
    <message>
        <source>选择已知单位后，这个名称会保存为该单位的简称，以后导入的文件中再出现时自动识别。</source>
        <translation>A name mapped to a known unit is saved as that unit&apos;s alias, so later files that use it are understood.</translation>
    </message>
    <message>
        <source>文件中的名称</source>
        <translation>Name in the file</translation>
    </message>
    <message>
        <source>对应到</source>
        <translation>Means</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>还没有选择。</source>
        <translation>Not chosen yet.</translation>
    </message>
    <message>
        <source>没有叫这个名称的单位，请从列表中选择。</source>
        <translation>No unit has this name; choose one from the list.</translation>
    </message>
    <message>
        <source>最接近的已知单位：{names}。</source>
        <translation> Closest known units: {names}.</translation>
    </message>
    <message>
        <source>将在单位通讯录中新建“{name}”，类别为“{category}”；之后可在“单位”中修改类别、补充联系人。</source>
        <translation>“{name}” will be added to the unit directory as “{category}”; the category and contacts can be changed later under Units.</translation>
    </message>
    <message>
        <source>“{name}”将保存为“{unit}”的简称。</source>
        <translation>“{name}” will be saved as an alias of “{unit}”.</translation>
    </message>
    <message>
        <source>还有 {n} 个名称没有选择对应的单位。</source>
        <translation>{n} name(s) still have no unit chosen.</translation>
    </message>
</context>
<context>
    <name>UnitsView</name>
    <message>
        <source>单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>查找单位名称、简称、联系人、电话（Ctrl+F）</source>
        <translation>Search names, short names, contacts, phones (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>导入通讯录…</source>
        <translation>Import directory…</translation>
    </message>
    <message>
        <source>导出通讯录…</source>
        <translation>Export directory…</translation>
    </message>
    <message>
        <source>单位通讯录</source>
        <translation>Unit directory</translation>
    </message>
    <message>
        <source>程序自带的单位通讯录只是一份起始名单（名称和常见简称）。请按本区实际情况修改：补充联系人和电话，添加各单位在文件和报送表中用到的简称；同一单位出现两个名称时，用“合并单位”合为一个。</source>
        <translation>The built-in directory is only a starting list (names and common short names). Edit it to match your district: add contacts and phone numbers, add the short names units use in documents and returns, and when one unit appears under two names, merge them with “Merge units”.</translation>
    </message>
    <message>
        <source>编辑所选单位</source>
        <translation>Edit the selected unit</translation>
    </message>
    <message>
        <source>报送用的邮箱，多个用“；”分开</source>
        <translation>Addresses the unit reports from; separate several with “；”</translation>
    </message>
    <message>
        <source>从邮件导入报送时，表中没有写明填报单位的，按发件人的邮箱认出单位</source>
        <translation>When returns come by mail and the sheet names no unit, the unit is known by the sender&apos;s address</translation>
    </message>
    <message>
        <source>新简称，多个用“、”分开</source>
        <translation>New short names, separated by “、”</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>简称/别名</source>
        <translation>Short names</translation>
    </message>
    <message>
        <source>添加简称</source>
        <translation>Add short names</translation>
    </message>
    <message>
        <source>所属集合</source>
        <translation>Collectives</translation>
    </message>
    <message>
        <source>新增单位…</source>
        <translation>New unit…</translation>
    </message>
    <message>
        <source>合并单位…</source>
        <translation>Merge units…</translation>
    </message>
    <message>
        <source>把所选单位并入另一个单位：分工随之转移，名称变为简称</source>
        <translation>Merge the selected unit into another one: its assignments move, its name becomes a short name</translation>
    </message>
    <message>
        <source>查看该单位的分工</source>
        <translation>Show this unit&apos;s assignments</translation>
    </message>
    <message>
        <source>{n} 个单位</source>
        <translation>{n} units</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>已保存“{name}”。</source>
        <translation>Saved “{name}”.</translation>
    </message>
    <message>
        <source>已保存“{name}”的成员。</source>
        <translation>Saved the members of “{name}”.</translation>
    </message>
    <message>
        <source>正在保存成员……</source>
        <translation>Saving the members…</translation>
    </message>
    <message>
        <source>已合并，转移分工 {n} 条。</source>
        <translation>Merged; {n} assignments moved.</translation>
    </message>
    <message>
        <source>正在合并单位……</source>
        <translation>Merging units…</translation>
    </message>
    <message>
        <source>导入单位通讯录</source>
        <translation>Import unit directory</translation>
    </message>
    <message>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>正在导入单位通讯录……</source>
        <translation>Importing the unit directory…</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>未启动</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>推进中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>滞后</source>
        <translation>Behind</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>长期坚持</source>
        <translation>Ongoing</translation>
    </message>
    <message>
        <source>红</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>黄</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>绿</source>
        <translation>Green</translation>
    </message>
    <message>
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>配合</source>
        <translation>Cooperate</translation>
    </message>
    <message>
        <source>区级部门</source>
        <translation>District department</translation>
    </message>
    <message>
        <source>乡镇街道</source>
        <translation>Town/street</translation>
    </message>
    <message>
        <source>企事业单位</source>
        <translation>Enterprise/institution</translation>
    </message>
    <message>
        <source>集合</source>
        <translation>Collective</translation>
    </message>
    <message>
        <source>待销号</source>
        <translation>To confirm</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>按季度</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>按半年</source>
        <translation>Half-yearly</translation>
    </message>
    <message>
        <source>按年</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>废止</source>
        <translation>Repealed</translation>
    </message>
    <message>
        <source>未识别</source>
        <translation>Not understood</translation>
    </message>
    <message>
        <source>手工</source>
        <translation>By hand</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>初始化</source>
        <translation>Setup</translation>
    </message>
    <message>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Undone</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>显示的列</source>
        <translation>Columns shown</translation>
    </message>
    <message>
        <source>恢复默认列</source>
        <translation>Default columns</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>保存冲突</source>
        <translation>Save conflict</translation>
    </message>
    <message>
        <source>无法完成</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <source>程序内部错误</source>
        <translation>Internal error</translation>
    </message>
    <message>
        <source>操作没有完成，数据库未作改动。请把“显示详细信息”中的内容发给维护人员。</source>
        <translation>The operation did not complete and the database was not changed. Please send the text under “Show Details” to the maintainer.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>正在取消，请稍候……</source>
        <translation>Cancelling, please wait…</translation>
    </message>
</context>
</TS>
