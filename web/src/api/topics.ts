import type { Topic, TopicInput } from '../../../server/contracts/topic';
import type { HotWords, StoryEvents } from '../../../server/contracts/insights';
import type { RumourTrend, TrendResult } from '../../../server/contracts/trends';
import type { Item, SentimentLabel } from '../../../server/contracts/item';
import { apiRequest } from './client';

export type { Topic, TopicInput, HotWords, StoryEvents, RumourTrend, TrendResult };

/** The request body of a topic: what the form sends (defaults of the schema filled in). */
export type TopicBody = TopicInput;

export const fetchTopics = () => apiRequest<{ topics: Topic[] }>('/api/topics');
export const fetchTopic = (id: number) => apiRequest<Topic>(`/api/topics/${id}`);
export const createTopic = (topic: TopicBody, actor: string) =>
  apiRequest<Topic>('/api/topics', { method: 'POST', json: { topic, actor } });
export const updateTopic = (id: number, topic: TopicBody) => apiRequest<Topic>(`/api/topics/${id}`, { method: 'PUT', json: topic });
export const deleteTopic = (id: number) => apiRequest<void>(`/api/topics/${id}`, { method: 'DELETE' });

export const fetchVolume = (params: URLSearchParams, signal?: AbortSignal) =>
  apiRequest<TrendResult>(`/api/trends?${params.toString()}`, { signal });
export const fetchRumourTrend = (params: URLSearchParams) => apiRequest<RumourTrend>(`/api/trends/rumours?${params.toString()}`);
export const fetchHotWords = (hours: number) => apiRequest<HotWords>(`/api/trends/hot-words?hours=${hours}`);
export const fetchEvents = (hours: number) => apiRequest<StoryEvents>(`/api/trends/events?hours=${hours}`);

export const putSentiment = (id: number, label: SentimentLabel, actor: string) =>
  apiRequest<{ item: Item; changed: number[] }>(`/api/items/${id}/sentiment`, { method: 'PUT', json: { label, actor } });
