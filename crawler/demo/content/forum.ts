import type { ForumTemplate } from './template';

/** 清河社区论坛·本地生活圈: everyday posts, rumours (some reposted word for word), and replies to them. */
export const FORUM: ForumTemplate[] = [
  // Everyday life.
  { kind: 'daily', title: '{road}早高峰堵得动不了，有没有别的路线推荐？', paras: ['每天早上从{street}去上班，{road}堵得一动不动，半小时才挪了两个路口。', '有没有老司机推荐一下别的路线？{road2}那边会好一点吗？'] },
  { kind: 'daily', title: '{street}新开的牛肉面馆，有人去吃过吗', paras: ['就在{road}菜鸟驿站旁边，开业打八折。', '今天中午去吃了一碗，汤挺鲜的，牛肉给得也多，就是排队有点久。{n2}块钱一碗，性价比还行。'] },
  { kind: 'daily', title: '请问{school}今年一年级报名要准备哪些材料？', paras: ['孩子今年秋天上一年级，户口在{community}。', '请问有经验的家长，报名需要准备户口本、房产证之外还要什么？网上报名是几号开始？谢谢！'] },
  { kind: 'daily', title: '求助：{community}附近走丢一只橘猫', paras: ['今天早上开门没注意，家里的橘猫跑出去了，脖子上有红色项圈，很胖，叫“大福”。', '有在{community}附近看到的朋友麻烦联系我，必有重谢！'] },
  { kind: 'daily', title: '今天{market}的菜价，给大家参考', paras: ['今天早上去{market}买菜：青菜{price}元一斤，西红柿4元，土豆2.5元，鸡蛋5.8元一斤。', '跟上周差不多，没有网上说的那么夸张，大家按需买就行。'] },
  { kind: 'daily', title: '晚上{road}施工噪音太大，应该找谁反映？', paras: ['这几天晚上十一点多了{road}还在施工，打桩的声音吵得孩子睡不着。', '请问夜间施工有没有许可？应该打哪个电话反映？'] },
  { kind: 'daily', title: '周末带娃去哪玩？西湖镇荷花开了吗', paras: ['想周末带孩子去西湖镇看荷花，有没有最近去过的朋友说说开得怎么样？', '停车方便吗？'] },
  { kind: 'daily', title: '{hospital}周末儿科有专家门诊吗', paras: ['孩子咳嗽一个星期了，想周末带去{hospital}看看。', '请问周末儿科有专家坐诊吗？要不要提前在网上预约？'] },
  { kind: 'daily', title: '{community}电梯又坏了，物业一直拖着不修', paras: ['我们楼的电梯这个月已经坏了三次，楼里好几位老人上下楼非常不方便。', '跟物业反映了好几次，都说在等配件。请问这种情况可以找{street}反映吗？'] },
  { kind: 'daily', title: '推荐一位靠谱的家电维修师傅', paras: ['家里空调不制冷了，想找个靠谱的师傅上门看看，最好在{street}附近。', '之前在小广告上找过一个，收费很离谱，不敢再随便找了。'] },
  { kind: 'daily', title: '小区门口共享单车乱停，出行太不方便', paras: ['{community}门口每天早上都堆满了共享单车，人行道都被占了，推婴儿车根本过不去。', '希望相关部门管一管。'] },
  { kind: 'daily', title: '问一下社区卫生服务中心流感疫苗还有吗', paras: ['看到区里发了流感疫苗接种的通知，想给家里老人打。', '有没有人最近去{street}社区卫生服务中心打过？需要预约吗？'] },
  { kind: 'daily', title: '{road}刚才发生一起小剐蹭，大家开车注意', paras: ['{road}和{road2}路口两辆车剐蹭，没人受伤，交警已经到了，现在有点堵。', '路过的朋友注意绕行。'] },
  { kind: 'daily', title: '晒晒今天在滨江公园拍的晚霞', paras: ['下班路过滨江公园，晚霞太美了，随手拍了几张。', '清河的夏天还是很好看的。'] },
  { kind: 'daily', title: '{n2}路公交是不是改线了？', paras: ['今天在{road}站等了半个小时都没等到{n2}路，是不是因为修路改线了？', '有知道的朋友说一下。'] },
  { kind: 'daily', title: '{school}门口接孩子的车太多了', paras: ['每天下午放学时间，{school}门口的车停得乱七八糟，孩子过马路很危险。', '建议家长们错峰接送，能走路的尽量走路。'] },
  { kind: 'daily', title: '清河大道那家老字号包子铺搬到哪去了？', paras: ['以前清河大道上那家开了二十多年的包子铺，这两天去发现关门了。', '有人知道搬到哪里了吗？'] },
  { kind: 'daily', title: '有人周末组队去青石镇爬山吗', paras: ['计划周六早上七点出发，爬青石山，来回大概四个小时。', '目前有{n1}个人，欢迎喜欢户外的朋友一起。'] },

  // Rumours: the markers real ones carry (紧急扩散, 速转, 据内部消息, 网传), claims of lockdowns,
  // miracle cures, shortages and fake official notices. Some have no placeholders on purpose:
  // word-for-word reposts are how rumours travel.
  { kind: 'rumour', title: '紧急扩散！据内部消息，清河区下周一开始封城', paras: ['据内部消息，清河区下周一开始封城，所有小区只进不出，超市全部关门！', '大家赶紧去超市囤货，米面油多买点，转给你关心的人！'] },
  { kind: 'rumour', title: '速转！喝板蓝根可以预防流感', paras: ['医生朋友说的，每天喝两包板蓝根可以预防流感，比打疫苗还管用。', '现在药店的板蓝根快卖断货了，大家赶紧去买，速转！'] },
  { kind: 'rumour', title: '网传{market}的大米和食用油明天要涨价一倍', paras: ['网传{market}的大米和食用油明天开始要涨价一倍，现在大家都在抢购，货架都空了。', '家里没囤的抓紧时间。'] },
  { kind: 'rumour', title: '【紧急通知】清河区自来水受到污染，近三天不要饮用！', paras: ['【紧急通知】接上级通知，清河区自来水受到污染，近三天请不要饮用自来水，请购买桶装水。', '请各位业主互相转告！'] },
  { kind: 'rumour', title: '清河区人民政府紧急通知：明日起全区停水三天', paras: ['清河区人民政府紧急通知：因管网改造，明日起全区停水三天，请各户做好储水准备。', '紧急扩散，转给家人！'] },
  { kind: 'rumour', title: '据内部消息，{school}有学生感染不明病毒', paras: ['据内部消息，{school}有学生感染了不明病毒，已经有{n1}个班停课了，明天全校都要停课。', '家长们注意，先别送孩子去学校。'] },
  { kind: 'rumour', title: '速转给家里老人！吃碘盐可以防辐射', paras: ['速转！吃碘盐可以防辐射，附近超市的盐已经被抢光了，{market}也快没了。', '家里盐不多的赶紧去买。'] },
  { kind: 'rumour', title: '{market}一斤青菜卖到{n2}元，趁机哄抬物价', paras: ['今天去{market}，一斤青菜卖到{n2}元！商家趁机哄抬物价，太黑了！', '有没有人管管？'] },
  { kind: 'rumour', title: '网传{community}明天封控，只进不出，是真的吗？', paras: ['网传{street}{community}明天开始封控，只进不出，群里都在传。', '有住在那边的朋友知道是真的吗？要不要提前去买菜？'] },
  { kind: 'rumour', title: '紧急扩散：熏醋能杀死病毒', paras: ['紧急扩散：专家说家里熏醋能杀死空气中的病毒，老人小孩都要熏，每天早晚各一次。', '转给你关心的人！'] },
  { kind: 'rumour', title: '听说{hospital}床位全满了，发烧都不给看', paras: ['听说{hospital}床位全满了，发烧的病人都不给看，直接让回家。', '大家千万别去了，去了也白排队。'] },
  { kind: 'rumour', title: '刚收到消息，{road}大桥出现裂缝马上要封闭', paras: ['刚收到的消息，{road}大桥出现大裂缝，马上要封闭，过桥的车注意！', '速转！'] },
  { kind: 'rumour', title: '网传西湖镇水库要泄洪，下游要全部撤离', paras: ['网传西湖镇水库今晚要泄洪，下游{street}全部要撤离，已经有人在搬家了。', '住在河边的朋友注意安全！'] },
  // "这不是谣言": a rumour that insists it is true is still a rumour.
  { kind: 'rumour', title: '这不是谣言！下周真的要封城了', paras: ['这不是谣言！我亲戚在区政府上班，确认下周封城，消息还没公布。', '赶紧去超市囤米囤油，转给你关心的人，晚了就买不到了！'] },
  { kind: 'rumour', title: '这不是谣言，已经证实了：{market}的猪肉有问题', paras: ['这不是谣言，已经证实了：{market}的猪肉全部检出非洲猪瘟，千万别买！', '我朋友就在市场上班，亲口说的。'] },

  // Replies and corrections from ordinary users.
  { kind: 'reaction', title: '大家别再传了，区里已经辟谣了', paras: ['群里又有人转“清河区下周封城”的消息，区里已经辟谣了：网传封城不实，造谣的人已经被警方处理。', '大家看到这种消息先看看官方怎么说。'] },
  { kind: 'reaction', title: '刚去{market}看了一圈，米面油都很充足', paras: ['看到群里说要涨价，专门去{market}看了一圈，米面油、蔬菜都很充足，价格也正常。', '别信那些抢购的消息，没必要囤货。'] },
  { kind: 'reaction', title: '板蓝根到底能不能预防流感？', paras: ['家里老人看了群里的消息，非要去买板蓝根，说可以预防流感。', '问了{hospital}的医生，说板蓝根不能预防流感，还是要打疫苗。大家怎么看？'] },
];
