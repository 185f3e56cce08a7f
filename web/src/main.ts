import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import { setUnauthorizedHandler } from './api/client';
import { useSessionStore } from './stores/session';
import './styles.css';

const pinia = createPinia();
const app = createApp(App).use(pinia).use(router).use(i18n);

// A 401 from any call: the session ended (expired, revoked, signed out elsewhere). Back to sign-in,
// then to where the reader was.
let redirecting = false;
setUnauthorizedHandler((current) => {
  const session = useSessionStore(pinia);
  const was = session.signedIn;
  session.clear();
  if (redirecting || router.currentRoute.value.name === 'login') return;
  redirecting = true;
  if (was) ElMessage.warning(i18n.global.t('auth.expired'));
  void router.replace({ path: '/login', query: current && current !== '/' ? { next: current } : {} }).finally(() => (redirecting = false));
});

app.mount('#app');
