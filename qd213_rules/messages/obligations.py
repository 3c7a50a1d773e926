"""Messages of the obligation catalogue: a title and a summary per duty, and the labels of
roles, kinds, subjects and catalogue fields.

Keys: ``obligation.<id>.title`` (short, imperative), ``obligation.<id>.summary`` (Vietnamese: a
paraphrase; English: the obligation's ``summary_en``, word for word), ``article.<n>.title``,
``role.<role>``, ``kind.<kind>``, ``subject.<subject>`` and ``obligations.label.<field>``.
The regulation's own words are not here: they are ``text_vi`` of each obligation, in the
signed document's spelling (*uỷ*); these messages use today's spelling (*ủy*).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # Điều 1
    "article.1.title": (
        "Trách nhiệm của đảng viên đang công tác và của tổ chức cơ sở đảng",
        "Responsibilities of working Party members and of grassroots Party organisations",
    ),
    "obligation.D1.K1a.title": (
        "Sinh hoạt đảng tại nơi làm việc theo Điều lệ Đảng",
        "Take part in Party activities at the workplace",
    ),
    "obligation.D1.K1a.summary": (
        (
            "Đảng viên đang công tác thực hiện quy định của Điều lệ Đảng về sinh hoạt đảng tại "
            "nơi làm việc."
        ),
        (
            "The working member complies with the Party Charter's rules on Party activities at "
            "the workplace."
        ),
    ),
    "obligation.D1.K1b.title": (
        "Giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú",
        "Keep in contact with the residence",
    ),
    "obligation.D1.K1b.summary": (
        "Đảng viên thường xuyên giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú.",
        (
            "The working member regularly keeps in contact with the Party organisation and the "
            "people at the place of residence."
        ),
    ),
    "obligation.D1.K1c.title": (
        "Gần gũi, gắn bó với nhân dân nơi cư trú",
        "Stay close to the people",
    ),
    "obligation.D1.K1c.summary": (
        (
            "Đảng viên gần gũi, gắn bó với nhân dân, khắc phục biểu hiện sống xa dân, thiếu "
            "trách nhiệm với công việc của nhân dân nơi cư trú."
        ),
        (
            "The working member stays close to the people and overcomes aloofness and "
            "irresponsibility in the affairs of the residents."
        ),
    ),
    "obligation.D1.K1d.title": (
        "Củng cố quan hệ mật thiết giữa Đảng với nhân dân",
        "Strengthen the bond between the Party and the people",
    ),
    "obligation.D1.K1d.summary": (
        (
            "Đảng viên củng cố quan hệ mật thiết giữa Đảng với nhân dân, nêu cao vai trò của "
            "người đảng viên trong xây dựng Đảng và hệ thống chính trị cơ sở."
        ),
        (
            "The working member consolidates the close bond between the Party and the people and "
            "upholds the member's role in building the Party and the grassroots political "
            "system."
        ),
    ),
    "obligation.D1.K2a.title": (
        "Tạo điều kiện cho đảng viên thực hiện nhiệm vụ nơi cư trú",
        "Enable the member's residence duties",
    ),
    "obligation.D1.K2a.summary": (
        (
            "Tổ chức cơ sở đảng nơi đảng viên công tác và nơi cư trú tạo điều kiện cho đảng viên "
            "thực hiện nhiệm vụ nơi cư trú."
        ),
        (
            "The grassroots Party organisations at the member's workplace and residence create "
            "conditions for the member to perform the residence duties."
        ),
    ),
    "obligation.D1.K2b.title": (
        "Kiểm tra, giám sát, nhận xét, đánh giá đảng viên",
        "Inspect, supervise and evaluate the member",
    ),
    "obligation.D1.K2b.summary": (
        (
            "Tổ chức cơ sở đảng nơi đảng viên công tác và nơi cư trú kiểm tra, giám sát, nhận "
            "xét, đánh giá việc thực hiện của đảng viên."
        ),
        (
            "The same grassroots Party organisations inspect, supervise, comment on and evaluate "
            "the member's performance."
        ),
    ),
    # Điều 2
    "article.2.title": (
        "Nhiệm vụ của đảng viên đang công tác ở nơi cư trú",
        "Tasks of working Party members at the place of residence",
    ),
    "obligation.D2.K1.title": (
        "Nêu gương trước nhân dân nơi cư trú",
        "Set an example to the residents",
    ),
    "obligation.D2.K1.summary": (
        (
            "Đảng viên nêu gương về phẩm chất chính trị, đạo đức, lối sống và vai trò tiền "
            "phong, gương mẫu trước nhân dân nơi cư trú."
        ),
        (
            "The working member sets an example in political qualities, ethics and lifestyle, "
            "and in the vanguard role of a cadre and Party member, before the people of the "
            "residence."
        ),
    ),
    "obligation.D2.K2a.title": (
        "Gương mẫu thực hiện nghĩa vụ công dân",
        "Fulfil civic obligations",
    ),
    "obligation.D2.K2a.summary": (
        "Đảng viên gương mẫu thực hiện nghĩa vụ công dân.",
        "The working member fulfils civic obligations in an exemplary way.",
    ),
    "obligation.D2.K2b.title": (
        "Tuyên truyền, vận động gia đình và nhân dân chấp hành",
        "Mobilise family and residents to follow the law",
    ),
    "obligation.D2.K2b.summary": (
        (
            "Đảng viên tuyên truyền, vận động gia đình và nhân dân thực hiện đường lối của Đảng, "
            "pháp luật của Nhà nước và quy định của địa phương."
        ),
        (
            "The working member propagates to and mobilises the family and the residents to "
            "carry out the Party's lines, the State's policies and laws, and the rules of the "
            "locality."
        ),
    ),
    "obligation.D2.K3a.title": (
        "Dự đầy đủ các cuộc họp định kỳ",
        "Attend the periodic meetings",
    ),
    "obligation.D2.K3a.summary": (
        "Đảng viên dự đầy đủ, nghiêm túc các cuộc họp định kỳ do cấp ủy nơi cư trú triệu tập.",
        (
            "The working member attends, fully and seriously, the periodic meetings convened by "
            "the residence Party committee."
        ),
    ),
    "obligation.D2.K3b.title": (
        "Tích cực dự các cuộc họp khác",
        "Attend other residence meetings",
    ),
    "obligation.D2.K3b.summary": (
        "Đảng viên tích cực dự các cuộc họp khác do cấp ủy nơi cư trú triệu tập.",
        (
            "The working member actively attends the other meetings convened by the residence "
            "Party committee."
        ),
    ),
    "obligation.D2.K3c.title": (
        "Góp ý kiến về công việc chung của địa phương",
        "Contribute opinions on local affairs",
    ),
    "obligation.D2.K3c.summary": (
        (
            "Đảng viên tích cực góp ý kiến với chi ủy, chi bộ, đảng ủy cơ sở nơi cư trú về công "
            "việc chung của địa phương, nhất là vấn đề bức xúc."
        ),
        (
            "The working member actively contributes opinions to the residence cell committee, "
            "Party cell and grassroots committee on the locality's common affairs, especially "
            "pressing local issues."
        ),
    ),
    "obligation.D2.K4a.title": (
        "Dự các cuộc họp của nhân dân nơi cư trú",
        "Attend residents' meetings",
    ),
    "obligation.D2.K4a.summary": (
        "Đảng viên tham gia các cuộc họp của nhân dân nơi cư trú.",
        "The working member attends the meetings of the people at the place of residence.",
    ),
    "obligation.D2.K4b.title": (
        "Giữ mối liên hệ với chi ủy, trưởng thôn, tổ trưởng dân phố, ban công tác mặt trận",
        "Keep in contact with local leaders",
    ),
    "obligation.D2.K4b.summary": (
        (
            "Đảng viên thường xuyên giữ mối liên hệ với chi ủy, trưởng thôn, tổ trưởng dân phố, "
            "ban công tác mặt trận nơi cư trú để nắm tình hình nhân dân."
        ),
        (
            "The working member keeps regular contact with the cell committee, the village or "
            "residential-group head and the Front work committee of the residence to understand "
            "the people's situation."
        ),
    ),
    "obligation.D2.K4c.title": (
        "Phản ánh ý kiến của nhân dân",
        "Convey residents' opinions",
    ),
    "obligation.D2.K4c.summary": (
        "Đảng viên phản ánh ý kiến của nhân dân tới cơ quan có thẩm quyền.",
        "The working member conveys the residents' opinions to the competent bodies.",
    ),
    "obligation.D2.K5.title": (
        "Vận động nhân dân góp ý xây dựng Đảng, chính quyền",
        "Mobilise residents to help build the Party",
    ),
    "obligation.D2.K5.summary": (
        (
            "Đảng viên vận động nhân dân góp ý xây dựng Đảng, chính quyền cơ sở và giám sát cán "
            "bộ, đảng viên về đạo đức, lối sống, trách nhiệm nêu gương."
        ),
        (
            "The working member mobilises the people to contribute to building the Party and the "
            "grassroots government and to supervise cadres' and members' ethics, lifestyle and "
            "example-setting."
        ),
    ),
    "obligation.D2.K6a.title": (
        "Tham gia các cuộc vận động, phong trào thi đua",
        "Take part in local campaigns",
    ),
    "obligation.D2.K6a.summary": (
        "Đảng viên tham gia các cuộc vận động, phong trào thi đua do địa phương phát động.",
        (
            "The working member personally takes part in the campaigns and emulation movements "
            "launched by the locality."
        ),
    ),
    "obligation.D2.K6b.title": (
        "Vận động gia đình tham gia phong trào của địa phương",
        "Mobilise the family for local campaigns",
    ),
    "obligation.D2.K6b.summary": (
        (
            "Đảng viên vận động các thành viên trong gia đình tham gia các cuộc vận động, phong "
            "trào thi đua do địa phương phát động."
        ),
        (
            "The working member mobilises the members of the family to take part in the "
            "campaigns and emulation movements launched by the locality."
        ),
    ),
    "obligation.D2.K6c.title": (
        "Vận động xây dựng đoàn kết, đời sống văn hóa ở khu dân cư",
        "Foster solidarity and cultural life",
    ),
    "obligation.D2.K6c.summary": (
        (
            "Đảng viên vận động gia đình và nhân dân xây dựng quan hệ gắn bó, đoàn kết và đời "
            "sống văn hóa ở khu dân cư."
        ),
        (
            "The working member mobilises the family and the people to build close, united "
            "relations and a cultural life in the residential area."
        ),
    ),
    "obligation.D2.K7a.title": (
        "Báo cáo kết quả thực hiện nhiệm vụ nơi cư trú hằng năm",
        "Report yearly on residence duties",
    ),
    "obligation.D2.K7a.summary": (
        (
            "Đảng viên báo cáo chi ủy nơi công tác kết quả thực hiện nhiệm vụ nơi cư trú vào dịp "
            "kiểm điểm, đánh giá đảng viên hằng năm."
        ),
        (
            "The working member reports on performing the Article 2 tasks to the workplace cell "
            "committee at the annual review and evaluation of Party members."
        ),
    ),
    "obligation.D2.K7b.title": (
        "Báo cáo khi chuyển nơi cư trú",
        "Report a change of residence",
    ),
    "obligation.D2.K7b.summary": (
        (
            "Khi chuyển sang nơi cư trú khác, đảng viên kịp thời báo cáo chi ủy nơi công tác và "
            "chi ủy nơi cư trú."
        ),
        (
            "On moving to another place of residence, the working member promptly reports to the "
            "cell committees at the workplace and at the residence being left."
        ),
    ),
    # Điều 3
    "article.3.title": (
        "Nhiệm vụ của cấp uỷ cơ sở nơi đảng viên đang công tác",
        "Tasks of the grassroots Party committee at the member's workplace",
    ),
    "obligation.D3.K1a.title": (
        "Chỉ đạo lập danh sách đảng viên theo nơi cư trú",
        "List members by place of residence",
    ),
    "obligation.D3.K1a.summary": (
        (
            "Cấp ủy cơ sở nơi công tác chỉ đạo chi ủy, chi bộ trực thuộc lập danh sách đảng viên "
            "theo nơi cư trú."
        ),
        (
            "The workplace Party committee directs its subordinate cells to list their members "
            "by place of residence."
        ),
    ),
    "obligation.D3.K1b.title": (
        "Giới thiệu đảng viên về sinh hoạt nơi cư trú",
        "Introduce the member to the residence",
    ),
    "obligation.D3.K1b.summary": (
        (
            "Cấp ủy cơ sở nơi công tác chủ động liên hệ, giới thiệu đảng viên về sinh hoạt, giữ "
            "mối liên hệ với chi ủy và nhân dân nơi cư trú."
        ),
        (
            "The workplace Party committee proactively contacts the residence grassroots "
            "committee and Party cell to introduce the member for activities and contact at the "
            "place of residence."
        ),
    ),
    "obligation.D3.K1c.title": (
        "Thông báo bằng văn bản về đảng viên thường xuyên đi công tác xa",
        "Give written notice of members often away",
    ),
    "obligation.D3.K1c.summary": (
        (
            "Cấp ủy cơ sở nơi công tác thông báo bằng văn bản cho cấp ủy nơi cư trú về đảng viên "
            "thường xuyên đi công tác xa, lưu động hoặc có công tác đặc biệt."
        ),
        (
            "The workplace Party committee notifies the residence grassroots committee in "
            "writing of its members who often work away, work on the move or have special "
            "assignments."
        ),
    ),
    "obligation.D3.K2.title": (
        "Thông báo khi đảng viên thay đổi vị trí, chuyển công tác, ra khỏi Đảng",
        "Notify the residence of a change in the member's status",
    ),
    "obligation.D3.K2.summary": (
        (
            "Cấp ủy cơ sở nơi công tác kịp thời thông báo cho nơi cư trú khi đảng viên đã được "
            "giới thiệu thay đổi vị trí, chuyển công tác, bị khai trừ, xóa tên hoặc xin ra khỏi "
            "Đảng."
        ),
        (
            "The workplace Party committee promptly notifies the residence cell and commune "
            "committees when an introduced member changes position, is transferred, expelled or "
            "struck off, or leaves the Party."
        ),
    ),
    "obligation.D3.K3a.title": (
        "Chủ trì kiểm tra, giám sát đảng viên thực hiện nhiệm vụ nơi cư trú",
        "Lead the inspection and supervision of the member",
    ),
    "obligation.D3.K3a.summary": (
        (
            "Cấp ủy cơ sở nơi công tác chủ trì, phối hợp với cấp ủy nơi cư trú kiểm tra, giám "
            "sát đảng viên thực hiện nhiệm vụ nơi cư trú."
        ),
        (
            "The workplace Party committee leads, with the residence grassroots committee, the "
            "inspection and supervision of the member's performance of the residence duties."
        ),
    ),
    "obligation.D3.K3b.title": (
        "Biểu dương đảng viên thực hiện tốt",
        "Commend members who perform well",
    ),
    "obligation.D3.K3b.summary": (
        "Cấp ủy cơ sở nơi công tác biểu dương đảng viên thực hiện tốt nhiệm vụ nơi cư trú.",
        (
            "The workplace Party committee commends the members who perform their residence "
            "duties well."
        ),
    ),
    "obligation.D3.K3c.title": (
        "Nhắc nhở, phê bình, xem xét xử lý đảng viên chưa thực hiện nghiêm túc",
        "Follow up on a member who falls short",
    ),
    "obligation.D3.K3c.summary": (
        (
            "Cấp ủy cơ sở nơi công tác nhắc nhở, phê bình hoặc xem xét xử lý đảng viên chưa thực "
            "hiện nghiêm túc Quy định."
        ),
        (
            "The workplace Party committee reminds, criticises or considers handling, under the "
            "applicable rules, the members who have not seriously implemented the Regulation."
        ),
    ),
    "obligation.D3.K4a.title": (
        "Lấy ý kiến nhận xét của nơi cư trú hằng năm",
        "Collect the residence comments every year",
    ),
    "obligation.D3.K4a.summary": (
        (
            "Hằng năm, cấp ủy cơ sở nơi công tác tổ chức lấy ý kiến nhận xét của chi ủy, chi bộ "
            "nơi cư trú đối với đảng viên của mình."
        ),
        (
            "Every year the workplace Party committee organises the collection of the residence "
            "Party cells' comments on its members."
        ),
    ),
    "obligation.D3.K4b.title": (
        "Lấy ý kiến nơi cư trú trước khi bổ nhiệm, giới thiệu ứng cử",
        "Consult the residence before an appointment or nomination",
    ),
    "obligation.D3.K4b.summary": (
        (
            "Trước khi bổ nhiệm, giới thiệu ứng cử, cấp ủy cơ sở nơi công tác cử đại diện gặp gỡ "
            "cấp ủy nơi cư trú để nắm tình hình và lấy ý kiến nhận xét."
        ),
        (
            "Before appointing or nominating a member, the workplace Party committee sends "
            "representatives to meet the residence Party committee to learn the situation and "
            "collect comments."
        ),
    ),
    "obligation.D3.K4c.title": (
        "Trao đổi với nơi cư trú khi đảng viên cho rằng nhận xét chưa khách quan",
        "Consult the residence on a disputed comment",
    ),
    "obligation.D3.K4c.summary": (
        (
            "Khi đảng viên cho rằng nhận xét của nơi cư trú chưa khách quan, cấp ủy cơ sở nơi "
            "công tác cử đại diện trao đổi với cấp ủy nơi cư trú."
        ),
        (
            "When the member considers the residence comments not objective, the workplace Party "
            "committee sends representatives to meet the residence Party committee."
        ),
    ),
    "obligation.D3.K5a.title": (
        "Thông báo ý kiến nhận xét của nơi cư trú tại kiểm điểm cuối năm",
        "Tell the member the residence comments at the year-end review",
    ),
    "obligation.D3.K5a.summary": (
        (
            "Cấp ủy cơ sở nơi công tác thông báo cho đảng viên ý kiến nhận xét, đánh giá của cấp "
            "ủy nơi cư trú tại cuộc họp kiểm điểm cuối năm."
        ),
        (
            "The workplace Party committee tells the member the residence Party committee's "
            "comments and evaluation at the year-end review meeting."
        ),
    ),
    "obligation.D3.K5b.title": (
        "Thông báo ý kiến nhận xét của nơi cư trú khi cần thiết",
        "Tell the member the residence comments when necessary",
    ),
    "obligation.D3.K5b.summary": (
        (
            "Cấp ủy cơ sở nơi công tác thông báo cho đảng viên ý kiến nhận xét của nơi cư trú "
            "khi cần thiết."
        ),
        (
            "The workplace Party committee tells the member the residence comments whenever it "
            "is necessary."
        ),
    ),
    # Điều 4
    "article.4.title": (
        "Nhiệm vụ của tổ chức đảng nơi đảng viên đang công tác cư trú",
        "Tasks of the Party organisation where the working member resides",
    ),
    "obligation.D4.K1a.title": (
        "Tiếp nhận, lập danh sách đảng viên được giới thiệu về sinh hoạt nơi cư trú",
        "Receive and list the members introduced for residence activities",
    ),
    "obligation.D4.K1a.summary": (
        (
            "Đảng ủy xã, phường tiếp nhận và lập danh sách đảng viên đang công tác được giới "
            "thiệu về sinh hoạt nơi cư trú."
        ),
        (
            "The commune Party committee receives and lists the working members introduced to it "
            "for activities and contact at the place of residence."
        ),
    ),
    "obligation.D4.K1b.title": (
        "Giới thiệu đảng viên về chi bộ thôn, bản, khối phố",
        "Pass introduced members on to the residence cells",
    ),
    "obligation.D4.K1b.summary": (
        "Đảng ủy xã, phường giới thiệu đảng viên về chi ủy, chi bộ thôn, bản, khối phố.",
        (
            "The commune Party committee introduces those members to the Party cells of the "
            "villages, hamlets and urban blocks."
        ),
    ),
    "obligation.D4.K2a.title": (
        "Chi bộ tiếp nhận, lập danh sách đảng viên",
        "Register the introduced member at the cell",
    ),
    "obligation.D4.K2a.summary": (
        (
            "Chi bộ thôn, bản, khu dân cư tiếp nhận và lập danh sách đảng viên đang công tác "
            "sinh hoạt, giữ mối liên hệ ở đơn vị mình."
        ),
        (
            "The residence Party cell receives and lists the working members who take part in "
            "activities and keep in contact in its unit."
        ),
    ),
    "obligation.D4.K2b.title": (
        "Thông báo cho từng đảng viên",
        "Inform each registered member",
    ),
    "obligation.D4.K2b.summary": (
        (
            "Chi bộ nơi cư trú thông báo cho từng đảng viên biết để liên hệ trong việc thực hiện "
            "nhiệm vụ nơi cư trú."
        ),
        (
            "The residence Party cell informs each member, so that they can make contact in "
            "performing their residence duties."
        ),
    ),
    "obligation.D4.K2c.title": (
        "Tạo điều kiện cho đảng viên thực hiện nhiệm vụ",
        "Support members in their residence duties",
    ),
    "obligation.D4.K2c.summary": (
        "Chi bộ nơi cư trú tạo điều kiện cho đảng viên thực hiện nhiệm vụ.",
        "The residence Party cell creates conditions for the members to perform their tasks.",
    ),
    "obligation.D4.K3a.title": (
        "Chỉ đạo họp đảng viên đang công tác 6 tháng một lần",
        "Direct the half-yearly meetings of working members",
    ),
    "obligation.D4.K3a.summary": (
        (
            "Định kỳ 6 tháng hoặc khi cần thiết, đảng ủy xã, phường chỉ đạo chi bộ trực thuộc "
            "họp đảng viên đang công tác cư trú trên địa bàn."
        ),
        (
            "Every six months, or when necessary, the commune Party committee directs its "
            "subordinate cells to hold meetings of the working members residing in the area."
        ),
    ),
    "obligation.D4.K3b.title": (
        "Họp đảng viên đang công tác cư trú trên địa bàn",
        "Hold the half-yearly meeting of working members",
    ),
    "obligation.D4.K3b.summary": (
        (
            "Định kỳ 6 tháng hoặc khi cần thiết, chi bộ nơi cư trú họp đảng viên đang công tác "
            "cư trú trên địa bàn để thông báo tình hình, nhiệm vụ và tham khảo ý kiến."
        ),
        (
            "Every six months, or when necessary, the residence Party cell holds a meeting of "
            "the working members residing in its area to inform them of local matters and "
            "consult them."
        ),
    ),
    "obligation.D4.K4a.title": (
        "Nhận xét đảng viên hằng năm theo phiếu nhận xét",
        "Comment on each member every year",
    ),
    "obligation.D4.K4a.summary": (
        (
            "Hằng năm, chi ủy (hoặc bí thư chi bộ) họp với ban công tác mặt trận để nhận xét "
            "từng đảng viên đang công tác theo phiếu nhận xét."
        ),
        (
            "Every year the residence cell committee, or the cell secretary where there is none, "
            "meets the Front work committee to comment on each working member on the comment "
            "form."
        ),
    ),
    "obligation.D4.K4b.title": (
        "Gửi phiếu nhận xét về đảng ủy xã, phường",
        "Send the comment forms to the commune",
    ),
    "obligation.D4.K4b.summary": (
        "Chi bộ nơi cư trú gửi phiếu nhận xét đảng viên về đảng ủy xã, phường.",
        "The residence Party cell sends the comment forms to the commune Party committee.",
    ),
    "obligation.D4.K4c.title": (
        "Đề xuất biểu dương, khen thưởng đảng viên",
        "Propose commending an outstanding member",
    ),
    "obligation.D4.K4c.summary": (
        (
            "Chi bộ nơi cư trú đề xuất đảng ủy xã, phường biểu dương, khen thưởng đảng viên có "
            "thành tích xuất sắc."
        ),
        (
            "The residence Party cell proposes to the commune Party committee the commendation "
            "and reward of members with outstanding achievements."
        ),
    ),
    "obligation.D4.K4d.title": (
        "Kịp thời phản ánh vi phạm của đảng viên",
        "Report a member's misconduct",
    ),
    "obligation.D4.K4d.summary": (
        (
            "Chi bộ nơi cư trú kịp thời phản ánh với đảng ủy xã, phường và cấp ủy nơi công tác "
            "khi đảng viên vi phạm pháp luật, thiếu trách nhiệm nêu gương, vi phạm nghiêm trọng "
            "nội quy, quy định của địa phương hoặc chưa chấp hành tốt Quy định này."
        ),
        (
            "The residence Party cell promptly reports to the commune committee and the "
            "workplace Party committee when a member breaks the law, fails to set an example, "
            "seriously breaches local rules or has not complied well with this Regulation."
        ),
    ),
    "obligation.D4.K5a.title": (
        "Xác nhận phiếu nhận xét",
        "Certify the comment forms",
    ),
    "obligation.D4.K5a.summary": (
        (
            "Đảng ủy xã, phường xác nhận phiếu nhận xét của chi ủy, chi bộ nơi cư trú đối với "
            "đảng viên đang công tác."
        ),
        (
            "The commune Party committee certifies the residence cells' comment forms on working "
            "members."
        ),
    ),
    "obligation.D4.K5b.title": (
        "Gửi phiếu nhận xét cho đảng ủy cơ sở nơi công tác",
        "Forward the forms to the workplace",
    ),
    "obligation.D4.K5b.summary": (
        (
            "Đảng ủy xã, phường gửi phiếu nhận xét đã xác nhận cho đảng ủy cơ sở nơi đảng viên "
            "công tác."
        ),
        (
            "The commune Party committee sends the certified forms to the member's workplace "
            "grassroots committee."
        ),
    ),
    "obligation.D4.K5c.title": (
        "Biểu dương, khen thưởng hoặc đề nghị khen thưởng",
        "Commend an outstanding member, or propose it",
    ),
    "obligation.D4.K5c.summary": (
        (
            "Đảng ủy xã, phường biểu dương, khen thưởng hoặc đề nghị cấp ủy nơi công tác biểu "
            "dương, khen thưởng đảng viên có thành tích xuất sắc."
        ),
        (
            "The commune Party committee commends and rewards members with outstanding "
            "achievements, or proposes that their workplace committee do so."
        ),
    ),
    "obligation.D4.K5d.title": (
        "Đề nghị xem xét xử lý đảng viên chưa thực hiện tốt",
        "Propose handling of a member who falls short",
    ),
    "obligation.D4.K5d.summary": (
        (
            "Đảng ủy xã, phường đề nghị cấp ủy nơi công tác xem xét xử lý đảng viên chưa thực "
            "hiện tốt."
        ),
        (
            "The commune Party committee proposes that the workplace Party committee consider "
            "handling the members who have not performed well."
        ),
    ),
    "obligation.D4.K6.title": (
        "Phối hợp kiểm tra, giám sát khi có yêu cầu",
        "Join an inspection on request",
    ),
    "obligation.D4.K6.summary": (
        (
            "Khi cấp ủy nơi công tác yêu cầu, đảng ủy xã, phường phối hợp kiểm tra, giám sát "
            "đảng viên thực hiện nhiệm vụ nơi cư trú."
        ),
        (
            "At the request of the member's workplace Party committee, the commune Party "
            "committee coordinates in inspecting and supervising the member's residence duties."
        ),
    ),
    # Điều 5
    "article.5.title": (
        "Tổ chức thực hiện",
        "Implementation",
    ),
    "obligation.D5.K1a.title": (
        "Quán triệt, triển khai thực hiện Quy định",
        "Disseminate and implement the Regulation",
    ),
    "obligation.D5.K1a.summary": (
        (
            "Tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương tổ chức quán triệt, triển khai "
            "thực hiện tốt Quy định."
        ),
        (
            "Provincial-level Party committees organise the thorough dissemination and proper "
            "implementation of the Regulation."
        ),
    ),
    "obligation.D5.K1b.title": (
        "Báo cáo Ban Bí thư hằng năm",
        "Report to the Secretariat every year",
    ),
    "obligation.D5.K1b.summary": (
        "Tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương hằng năm báo cáo Ban Bí thư.",
        "Provincial-level Party committees report to the Secretariat every year.",
    ),
    "obligation.D5.K2a.title": (
        "Theo dõi, kiểm tra, sơ kết, tổng kết việc thực hiện",
        "Monitor and review implementation",
    ),
    "obligation.D5.K2a.summary": (
        (
            "Ban Tổ chức Trung ương chủ trì, phối hợp theo dõi, kiểm tra, sơ kết, tổng kết việc "
            "thực hiện Quy định."
        ),
        (
            "The Central Organisation Commission leads, with the Central Mass Mobilisation "
            "Commission and the other commissions concerned, the monitoring, inspection and "
            "interim and final reviews of implementation."
        ),
    ),
    "obligation.D5.K2b.title": (
        "Báo cáo Ban Bí thư về sơ kết, tổng kết",
        "Report the reviews to the Secretariat",
    ),
    "obligation.D5.K2b.summary": (
        (
            "Ban Tổ chức Trung ương báo cáo Ban Bí thư về việc theo dõi, sơ kết, tổng kết thực "
            "hiện Quy định."
        ),
        (
            "The Central Organisation Commission reports to the Secretariat on its monitoring "
            "and reviews."
        ),
    ),
    "obligation.D5.K2c.title": (
        "Hướng dẫn thực hiện trong Quân đội, Công an",
        "Guide implementation in the Army and the Police",
    ),
    "obligation.D5.K2c.summary": (
        (
            "Ban Tổ chức Trung ương chủ trì, phối hợp hướng dẫn việc thực hiện đối với đảng viên "
            "trong Quân đội nhân dân và Công an nhân dân."
        ),
        (
            "The Central Organisation Commission, with the Mass Mobilisation Commission, the "
            "Central Military Commission and the Central Public Security Party Committee, guides "
            "implementation for working members in the People's Army and the People's Public "
            "Security."
        ),
    ),
    "obligation.D5.K3c.title": (
        "Phổ biến Quy định đến chi bộ",
        "Disseminate the Regulation to every Party cell",
    ),
    "obligation.D5.K3c.summary": (
        "Quy định được phổ biến đến chi bộ để thực hiện.",
        "The Regulation is disseminated down to every Party cell for implementation.",
    ),
    # Who bears a duty (Role)
    "role.member": (
        "Đảng viên đang công tác",
        "Working Party member",
    ),
    "role.workplace_committee": (
        "Cấp ủy cơ sở nơi đảng viên công tác",
        "Workplace grassroots Party committee",
    ),
    "role.workplace_cell": (
        "Chi ủy, chi bộ nơi đảng viên công tác",
        "Workplace Party cell",
    ),
    "role.commune_committee": (
        "Đảng ủy {level} nơi cư trú",
        "Party committee of the {level} of residence",
    ),
    "role.residence_cell": (
        "Chi ủy, chi bộ nơi cư trú",
        "Residence Party cell",
    ),
    "role.provincial_committee": (
        "Tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
        "Provincial-level Party committee",
    ),
    "role.central_organization_commission": (
        "Ban Tổ chức Trung ương",
        "Central Organisation Commission",
    ),
    # Kinds of duty (semantics, obligations)
    "kind.conduct": (
        "Chuẩn mực thường xuyên",
        "Conduct",
    ),
    "kind.triggered": (
        "Phát sinh theo sự việc",
        "Triggered",
    ),
    "kind.gate": (
        "Điều kiện trước một việc",
        "Gate",
    ),
    "kind.periodic": (
        "Định kỳ",
        "Periodic",
    ),
    "kind.on_request": (
        "Theo yêu cầu",
        "On request",
    ),
    "kind.discretionary": (
        "Tùy nghi",
        "Discretionary",
    ),
    "kind.one_off": (
        "Một lần",
        "One-off",
    ),
    "kind.derived": (
        "Tổng hợp từ nghĩa vụ khác",
        "Derived",
    ),
    # Whom a result is about
    "subject.member": (
        "Đảng viên",
        "The member",
    ),
    "subject.organization": (
        "Tổ chức đảng chịu trách nhiệm",
        "The bearer organisation",
    ),
    # Field labels of the rendered catalogue
    "obligations.label.catalogue_title": (
        "Danh mục nghĩa vụ — Quy định {document}",
        "Catalogue of obligations — Regulation {document}",
    ),
    "obligations.label.catalogue_intro": (
        "Phiên bản danh mục {version}; {count} nghĩa vụ; văn bản ký ngày {signed}.",
        "Catalogue version {version}; {count} obligations; regulation signed {signed}.",
    ),
    "obligations.label.generated": (
        "Tệp này được sinh tự động, không sửa tay. Tạo lại bằng: {command}",
        "This file is generated; do not edit it by hand. Regenerate with: {command}",
    ),
    "obligations.label.clause": (
        "Khoản {clause}",
        "Clause {clause}",
    ),
    "obligations.label.citation": (
        "Căn cứ",
        "Citation",
    ),
    "obligations.label.text_vi": (
        "Nguyên văn",
        "Vietnamese text",
    ),
    "obligations.label.summary": (
        "Tóm tắt",
        "Summary",
    ),
    "obligations.label.summary_en": (
        "Tóm tắt (tiếng Anh)",
        "Summary (English)",
    ),
    "obligations.label.bearer": (
        "Chủ thể thực hiện",
        "Bearer",
    ),
    "obligations.label.subject": (
        "Đối tượng của kết quả",
        "Subject",
    ),
    "obligations.label.kind": (
        "Loại nghĩa vụ",
        "Kind",
    ),
    "obligations.label.deadline_param": (
        "Tham số thời hạn",
        "Deadline parameter",
    ),
    "obligations.label.violation_grounds": (
        "Căn cứ ghi là không thực hiện",
        "Grounds for “not performed”",
    ),
    "obligations.label.categories": (
        "Áp dụng cho loại đảng viên",
        "Applies to categories",
    ),
    "obligations.label.in_force": (
        "Hiệu lực",
        "In force",
    ),
    "obligations.label.in_force_range": (
        "từ {start} đến {end}",
        "from {start} to {end}",
    ),
    "obligations.label.in_force_open": (
        "từ {start}",
        "from {start}",
    ),
    "obligations.label.interpretation": (
        "Giải thích áp dụng (tiếng Anh)",
        "Interpretation",
    ),
    "obligations.label.none": (
        "không",
        "none",
    ),
    "obligations.label.text_note": (
        (
            "Nguyên văn được trích đúng văn bản đã ký, giữ cách đặt dấu cũ (uỷ, khoá, hoá); dấu "
            "… nối các đoạn không liền nhau của cùng một khoản."
        ),
        (
            "The Vietnamese text is quoted verbatim from the signed document, keeping its "
            "old-style tone marks (uỷ, khoá, hoá); … joins non-contiguous fragments of one "
            "clause."
        ),
    ),
    "obligations.label.title_other": (
        "Tên tiếng Anh",
        "Vietnamese title",
    ),
}
